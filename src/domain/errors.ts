/**
 * Stable error codes of the API (shared/API.md) with their HTTP status and
 * people-facing messages. Messages say what to do, zh-CN first.
 */
export type Locale = 'zh-CN' | 'en';

type Params = Record<string, unknown>;
interface ErrorSpec {
  status: number;
  zh: (p: Params) => string;
  en: (p: Params) => string;
}

const kb = (n: unknown) => {
  const v = Number(n);
  return v >= 1024 * 1024 ? `${(v / 1024 / 1024).toFixed(1)}MB` : `${Math.ceil(v / 1024)}KB`;
};

export const ERRORS = {
  VALIDATION_FAILED: { status: 422, zh: (p) => `提交的内容不正确：${p.reason ?? '请检查后重试'}`, en: (p) => `The request is not valid: ${p.reason ?? 'check it and try again'}` },
  NOT_FOUND: { status: 404, zh: () => '找不到该内容，请检查地址或返回首页。', en: () => 'Not found. Check the address or go back to the start page.' },
  INVALID_CREDENTIALS: { status: 401, zh: () => '用户名或密码错误，请重新输入。', en: () => 'Wrong user name or password. Please try again.' },
  TOO_MANY_ATTEMPTS: { status: 429, zh: (p) => `${p.action === 'password' ? '当前密码输入错误次数过多' : '登录失败次数过多'}，请 ${p.retryAfterSeconds ?? 60} 秒后再试。`, en: (p) => `Too many failed attempts. Try again in ${p.retryAfterSeconds ?? 60} seconds.` },
  RATE_LIMITED: { status: 429, zh: (p) => `操作过于频繁，请 ${p.retryAfterSeconds ?? 60} 秒后再试。`, en: (p) => `Too many requests. Try again in ${p.retryAfterSeconds ?? 60} seconds.` },
  UNAUTHENTICATED: { status: 401, zh: () => '登录已失效，请重新登录。', en: () => 'Your session has ended. Please log in again.' },
  CSRF_FAILED: { status: 403, zh: () => '页面已过期，请刷新页面后重试。', en: () => 'The page has expired. Reload it and try again.' },
  FORBIDDEN: { status: 403, zh: () => '您没有权限进行此操作。', en: () => 'You are not allowed to do this.' },
  PASSWORD_CHANGE_REQUIRED: { status: 403, zh: () => '首次登录请先修改密码。', en: () => 'Please change your password before you continue.' },
  WEAK_PASSWORD: { status: 422, zh: () => '新密码太弱：至少 8 位，并同时包含字母和数字，且不能与用户名或原密码相同。', en: () => 'The new password is too weak: use at least 8 characters with letters and digits, different from the user name and the old password.' },
  ACTIVATION_REQUIRED: { status: 403, zh: () => '请先阅读并同意《材料使用授权》以激活账号。', en: () => 'Please read and accept the consent to activate your account first.' },
  FILE_TOO_LARGE: { status: 413, zh: (p) => p.bytes ? `单个图片不能超过200KB，当前为${kb(p.bytes)}；页面可自动压缩，请重新选择图片。` : '单个图片不能超过200KB；页面可自动压缩，请重新选择图片。', en: (p) => p.bytes ? `Each image must be at most 200 KB; this one is ${kb(p.bytes)}. The page can shrink it for you: choose the image again.` : 'Each image must be at most 200 KB. The page can shrink it for you: choose the image again.' },
  UNSUPPORTED_FORMAT: { status: 415, zh: (p) => `只能上传 jpg/jpeg/png 格式的图片${p.detected ? `（该文件实际为 ${p.detected}）` : ''}，请转换格式后重新上传。`, en: (p) => `Only jpg/jpeg/png images can be uploaded${p.detected ? ` (this file is ${p.detected})` : ''}. Convert it and upload again.` },
  INVALID_IMAGE: { status: 422, zh: (p) => p.reason === 'too_small' ? `图片太小（${p.width}×${p.height}像素），无法看清，请上传至少 ${p.minWidth}×${p.minHeight} 像素的清晰图片。` : p.reason === 'too_many_pixels' ? '图片像素过大，请缩小后重新上传。' : '图片已损坏或不完整，无法打开，请重新拍照或导出后上传。', en: (p) => p.reason === 'too_small' ? `The image is too small to read (${p.width}×${p.height} px). Upload a clear image of at least ${p.minWidth}×${p.minHeight} px.` : p.reason === 'too_many_pixels' ? 'The image has too many pixels. Make it smaller and upload again.' : 'The image is damaged or incomplete and cannot be opened. Take or export it again and upload.' },
  CATEGORY_FULL: { status: 409, zh: (p) => `该材料最多上传 ${p.maxCount} 张，已满。如需更换，请先点击图片右上角的“－”删除。`, en: (p) => `This material takes at most ${p.maxCount} images and is full. Delete one (the "－" at its top right) to replace it.` },
  CATEGORY_NOT_FOUND: { status: 404, zh: () => '没有这种材料种类，请刷新页面后重试。', en: () => 'There is no such material category. Reload the page and try again.' },
  MATERIALS_LOCKED: { status: 423, zh: (p) => p.reason === 'final' ? '审核已结束，材料已锁定，不能再修改。' : '材料正在审核中，图片已锁定，暂时不能修改。请等待审核结果。', en: (p) => p.reason === 'final' ? 'The review is finished; materials are locked and cannot be changed.' : 'Your materials are being reviewed and are locked for now. Please wait for the result.' },
  IMAGE_LOCKED: { status: 423, zh: (p) => p.reason === 'approved' ? '该图片已审核通过并锁定，不能删除。' : p.reason === 'final' ? '审核已结束，图片已锁定，不能删除。' : '材料正在审核中，图片已锁定，暂时不能删除。', en: (p) => p.reason === 'approved' ? 'This image is approved and locked; it cannot be deleted.' : p.reason === 'final' ? 'The review is finished; images are locked.' : 'Your materials are being reviewed; images are locked for now.' },
  UPLOAD_DISABLED: { status: 403, zh: (p) => p.onlyFixes ? `材料上传已${p.closesAt ? `于 ${p.closesAt} ` : ''}截止；现在只能更换审核意见中要求更换的图片、补充审核要求的材料。` : p.closesAt ? `材料上传已于 ${p.closesAt} 截止，不能再上传或修改。` : p.opensAt ? `材料上传将于 ${p.opensAt} 开放，请届时再来。` : '本考区暂未开放材料上传，请关注考区通知。', en: (p) => p.onlyFixes ? `Material upload has closed${p.closesAt ? ` (${p.closesAt})` : ''}; you can only replace the images the reviewer marked and add the materials the reviewer asked for.` : p.closesAt ? `Material upload closed at ${p.closesAt}.` : p.opensAt ? `Material upload opens at ${p.opensAt}. Please come back then.` : 'Material upload is not open in your exam region. Watch for its notice.' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, zh: () => '该上传请求编号已用于另一张图片或另一种材料，请刷新页面后重新选择图片上传。', en: () => 'This upload key was already used for another file or category. Reload the page and choose the image again.' },
  UPLOAD_INCOMPLETE: { status: 400, zh: () => '图片没有完整上传（网络中断），请检查网络后重新上传。', en: () => 'The image did not arrive completely (the connection broke). Check your network and upload again.' },
  MATERIALS_INCOMPLETE: { status: 409, zh: (p) => `该考生必传材料尚未上传齐全${p.missing ? `（缺：${p.missing}）` : ''}，上传截止前不能领取审核；可在“材料不齐”中提醒考生。`, en: (p) => `This candidate has not uploaded every required material yet${p.missing ? ` (missing: ${p.missing})` : ''}; it cannot be claimed before the upload deadline. Remind the candidate from the "incomplete" list.` },
  REMINDED_TODAY: { status: 409, zh: (p) => `今天已提醒过该考生${p.at ? `（${p.at}）` : ''}，每位考生每天最多提醒一次，请明天再提醒，或电话联系考生。`, en: (p) => `This candidate was already reminded today${p.at ? ` (${p.at})` : ''}. A candidate can be reminded once a day: try again tomorrow, or phone them.` },
  OVERLOADED: { status: 503, zh: (p) => `当前上传人数较多，正在排队，请 ${p.retryAfterSeconds ?? 5} 秒后重试（页面会自动重试）。`, en: (p) => `Many uploads right now: you are queued. Try again in ${p.retryAfterSeconds ?? 5} seconds (the page retries by itself).` },
  STORAGE_UNAVAILABLE: { status: 503, zh: (p) => `图片存储暂时不可用，本次未保存任何内容，请 ${p.retryAfterSeconds ?? 30} 秒后重试。`, en: (p) => `Image storage is unavailable for now; nothing was saved. Try again in ${p.retryAfterSeconds ?? 30} seconds.` },
  STORAGE_FULL: { status: 507, zh: (p) => `图片存储空间不足，本次未保存任何内容，请 ${p.retryAfterSeconds ?? 300} 秒后重试；如持续出现请联系考点。`, en: (p) => `Image storage is full; nothing was saved. Try again in ${p.retryAfterSeconds ?? 300} seconds, or contact your exam site if it persists.` },
  IDEMPOTENCY_CONFLICT: { status: 409, zh: () => '该请求正在处理中，请稍候再试。', en: () => 'This request is still being processed. Try again in a moment.' },
  CLAIMED_BY_OTHER: { status: 409, zh: (p) => `该考生正由其他审核员（${p.by ?? '他人'}）审核中，请选择其他考生。`, en: (p) => `Another reviewer (${p.by ?? 'someone else'}) is reviewing this candidate. Pick another one.` },
  NOT_REVIEWABLE: { status: 409, zh: () => '该考生当前状态不在您的审核环节，请刷新列表。', en: () => 'This candidate is not at your review step. Refresh the list.' },
  REVIEW_CLOSED: { status: 409, zh: (p) => p.closesAt ? `本考区审核已于 ${p.closesAt} 截止，不能再领取审核。` : p.opensAt ? `本考区审核将于 ${p.opensAt} 开始，请届时再审核。` : '本考区当前不在审核时间内。', en: (p) => p.closesAt ? `Review in this region closed at ${p.closesAt}.` : p.opensAt ? `Review in this region opens at ${p.opensAt}.` : 'Review is not open in this region now.' },
  NOT_CLAIMED: { status: 409, zh: () => '您尚未领取该考生或领取已过期，请重新打开后再审核。', en: () => 'You do not hold this candidate (or your hold expired). Open it again before deciding.' },
  STALE_IMAGES: { status: 409, zh: () => '考生材料已变化，与您看到的不一致，请刷新后重新审核。', en: () => 'The materials changed since you opened them. Reload and review again.' },
  DECISION_INVALID: { status: 422, zh: (p) => `审核结论不完整：${p.reason ?? '请检查'}`, en: (p) => `The decision is incomplete: ${p.reason ?? 'check it'}` },
  PAYLOAD_TOO_LARGE: { status: 413, zh: () => '提交的内容太大。', en: () => 'The request is too large.' },
  INTERNAL: { status: 500, zh: () => '系统繁忙，请稍后重试；如仍有问题请联系考点。', en: () => 'Something went wrong on our side. Try again later.' },
  // Administration (regions, rules, catalog, accounts, registration import, hand-off).
  CODE_TAKEN: { status: 409, zh: (p) => `代码“${p.code ?? ''}”已被使用，请换一个代码；如要修改原有内容，请在列表中点“编辑”。`, en: (p) => `The code "${p.code ?? ''}" is already in use. Choose another, or edit the existing entry.` },
  RULE_EXISTS: { status: 409, zh: () => '同一考区、报考类别、个人情况和材料的规则已存在，请在列表中直接修改该规则。', en: () => 'A rule for this region, exam category, situation and material already exists. Edit that rule instead.' },
  SITE_RULE_RELAXES: {
    status: 422,
    zh: (p) => p.reason === 'max_below_minimum' ? `考点规则只能增加要求：最多张数不能少于该材料的最少张数（${p.minCount ?? 1} 张），不限制请留空。` : '考点规则只能增加要求：只能把材料设为“必传”，不能设为“按需上传”或“不显示”（考区、全国规则要求的材料考点不能放宽）。',
    en: (p) => p.reason === 'max_below_minimum' ? `A site rule can only add requirements: its maximum may not be below the category's minimum (${p.minCount ?? 1}). Leave it empty for no limit.` : 'A site rule can only add requirements: it can make a material required, never optional or hidden (a site cannot relax what the region or the national rules require).',
  },
  CATEGORY_IN_USE: { status: 409, zh: (p) => `已有考生上传了“${p.name ?? ''}”，不能删除该材料种类；如不再需要，请在“材料要求规则”中将其设为“不显示”。`, en: (p) => `Candidates have uploaded "${p.name ?? ''}", so it cannot be deleted. Set it to "hidden" in the requirement rules instead.` },
  USERNAME_TAKEN: { status: 409, zh: (p) => `用户名“${p.username ?? ''}”已存在，请换一个用户名。`, en: (p) => `The user name "${p.username ?? ''}" is taken. Choose another.` },
  OWN_ACCOUNT: { status: 409, zh: () => '不能停用或重置自己的账号；如需修改自己的密码，请使用“修改密码”。', en: () => 'You cannot disable or reset your own account. Use "change password" for your own password.' },
  IMPORT_UNSUPPORTED_FILE: { status: 415, zh: (p) => `只能导入 CSV（UTF-8 或 GBK 编码）或 Excel .xlsx 文件${p.detected ? `（该文件为 ${p.detected}）` : ''}；旧版 .xls 请在 Excel 中“另存为”.xlsx 或 CSV 后重新导入。`, en: (p) => `Only CSV (UTF-8 or GBK) or Excel .xlsx files can be imported${p.detected ? ` (this file is ${p.detected})` : ''}. Save an old .xls as .xlsx or CSV and import again.` },
  IMPORT_HEADER_INVALID: { status: 422, zh: (p) => `表头不正确：第 1 行须为“${p.expected ?? ''}”${p.found ? `，实际为“${p.found}”` : ''}。请使用导入模板，列的名称和顺序都不能改动。`, en: (p) => `Wrong header: line 1 must be "${p.expected ?? ''}"${p.found ? `, found "${p.found}"` : ''}. Use the import template without renaming or reordering columns.` },
  IMPORT_FILE_TOO_LARGE: { status: 413, zh: (p) => `导入文件不能超过 ${kb(p.maxBytes ?? 0)}；请拆分为多个文件，或由管理员使用命令行导入工具导入。`, en: (p) => `Import files must be at most ${kb(p.maxBytes ?? 0)}. Split the file, or ask an administrator to use the command-line import.` },
  HANDOFF_INVALID: { status: 401, zh: () => '登录链接无效（可能被改动或不完整），请回到报名系统重新点击进入；也可以直接用报名号和密码登录。', en: () => 'The sign-in link is not valid (altered or incomplete). Go back to the registration system and follow the link again, or log in with your registration number.' },
  HANDOFF_EXPIRED: { status: 401, zh: () => '登录链接已过期，请回到报名系统重新点击进入；也可以直接用报名号和密码登录。', en: () => 'The sign-in link has expired. Go back to the registration system and follow the link again, or log in with your registration number.' },
  HANDOFF_USED: { status: 401, zh: () => '该登录链接已经使用过，每个链接只能使用一次。请回到报名系统重新点击进入。', en: () => 'This sign-in link was already used; each link works once. Go back to the registration system and follow the link again.' },
  HANDOFF_UNAVAILABLE: { status: 403, zh: () => '暂时无法通过报名系统直接登录，请用报名号和密码登录；如账号被停用，请联系考点。', en: () => 'Signing in from the registration system is not available now. Log in with your registration number and password, or contact your exam site if your account is disabled.' },
  // 报名照片检测 (tools): a photo checked for the registration system.
  PHOTO_TOO_LARGE: { status: 413, zh: (p) => `待检测的照片不能超过 ${kb(p.maxBytes ?? 0)}${p.bytes ? `，当前为${kb(p.bytes)}` : ''}；请先把照片缩小（如用手机相册的“编辑/调整大小”）后再检测。`, en: (p) => `The photo to check must be at most ${kb(p.maxBytes ?? 0)}${p.bytes ? `; this one is ${kb(p.bytes)}` : ''}. Make it smaller (e.g. with the phone's photo editor) and check again.` },
  PHOTO_UNREADABLE: { status: 415, zh: (p) => `无法检测该文件${p.detected ? `（实际为 ${String(p.detected).toUpperCase()}）` : ''}：请选择 JPG 或 PNG 格式的照片。`, en: (p) => `This file cannot be checked${p.detected ? ` (it is ${String(p.detected).toUpperCase()})` : ''}. Choose a JPG or PNG photo.` },
} satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/** A rule broken by the caller's input or state; carries a stable code. */
export class AppError extends Error {
  constructor(readonly code: ErrorCode, readonly details: Params = {}) {
    super(code);
    this.name = 'AppError';
  }
  get status(): number {
    return ERRORS[this.code].status;
  }
  messageFor(locale: Locale): string {
    const spec: ErrorSpec = ERRORS[this.code];
    return locale === 'en' ? spec.en(this.details) : spec.zh(this.details);
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
