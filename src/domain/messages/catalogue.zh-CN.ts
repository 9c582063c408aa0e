/**
 * People's words in Simplified Chinese, by message code: the API's error messages
 * (`error.<CODE>`), the refusals of the decision rules (`decision.<problem>`) and the notices a
 * candidate gets in the inbox and by SMS (`notice.<kind>.title|body|sms`). The keys of this
 * catalogue are the message codes; catalogue.en.ts must have the same ones.
 */
import { MAX_REQUESTED_CATEGORIES, type DecisionProblemCode } from '../review-rules.js';
import { statusLabel, type RegistrationStatus } from '../registration-status.js';
import { decisionText, requestedOf, changedPartsOf } from './params.js';
import { kb, listOf, type Template } from './template.js';

const ERRORS = {
  'error.VALIDATION_FAILED': (p) => `提交的内容不正确：${p.reason ?? '请检查后重试'}`,
  'error.NOT_FOUND': () => '找不到该内容，请检查地址或返回首页。',
  'error.INVALID_CREDENTIALS': () => '用户名或密码错误，请重新输入。',
  'error.TOO_MANY_ATTEMPTS': (p) => `${p.action === 'password' ? '当前密码输入错误次数过多' : '登录失败次数过多'}，请 ${p.retryAfterSeconds ?? 60} 秒后再试。`,
  'error.RATE_LIMITED': (p) => `操作过于频繁，请 ${p.retryAfterSeconds ?? 60} 秒后再试。`,
  'error.UNAUTHENTICATED': () => '登录已失效，请重新登录。',
  'error.CSRF_FAILED': () => '页面已过期，请刷新页面后重试。',
  'error.FORBIDDEN': () => '您没有权限进行此操作。',
  'error.PASSWORD_CHANGE_REQUIRED': () => '首次登录请先修改密码。',
  'error.WEAK_PASSWORD': () => '新密码太弱：至少 8 位，并同时包含字母和数字，且不能与用户名或原密码相同。',
  'error.ACTIVATION_REQUIRED': () => '请先阅读并同意《材料使用授权》以激活账号。',
  'error.FILE_TOO_LARGE': (p) => p.bytes ? `单个图片不能超过200KB，当前为${kb(p.bytes)}；页面可自动压缩，请重新选择图片。` : '单个图片不能超过200KB；页面可自动压缩，请重新选择图片。',
  'error.UNSUPPORTED_FORMAT': (p) => `只能上传 jpg/jpeg/png 格式的图片${p.detected ? `（该文件实际为 ${p.detected}）` : ''}，请转换格式后重新上传。`,
  'error.INVALID_IMAGE': (p) => p.reason === 'too_small' ? `图片太小（${p.width}×${p.height}像素），无法看清，请上传至少 ${p.minWidth}×${p.minHeight} 像素的清晰图片。` : p.reason === 'too_many_pixels' ? '图片像素过大，请缩小后重新上传。' : '图片已损坏或不完整，无法打开，请重新拍照或导出后上传。',
  'error.CATEGORY_FULL': (p) => `该材料最多上传 ${p.maxCount} 张，已满。如需更换，请先点击图片右上角的“－”删除。`,
  'error.CATEGORY_NOT_FOUND': () => '没有这种材料种类，请刷新页面后重试。',
  'error.MATERIALS_LOCKED': (p) => p.reason === 'final' ? '审核已结束，材料已锁定，不能再修改。' : '材料正在审核中，图片已锁定，暂时不能修改。请等待审核结果。',
  'error.IMAGE_LOCKED': (p) => p.reason === 'approved' ? '该图片已审核通过并锁定，不能删除。' : p.reason === 'final' ? '审核已结束，图片已锁定，不能删除。' : '材料正在审核中，图片已锁定，暂时不能删除。',
  'error.UPLOAD_DISABLED': (p) => p.onlyFixes ? `材料上传已${p.closesAt ? `于 ${p.closesAt} ` : ''}截止；现在只能更换审核意见中要求更换的图片、补充审核要求的材料。` : p.closesAt ? `材料上传已于 ${p.closesAt} 截止，不能再上传或修改。` : p.opensAt ? `材料上传将于 ${p.opensAt} 开放，请届时再来。` : '本考区暂未开放材料上传，请关注考区通知。',
  'error.IDEMPOTENCY_KEY_REUSED': () => '该上传请求编号已用于另一张图片或另一种材料，请刷新页面后重新选择图片上传。',
  'error.UPLOAD_INCOMPLETE': () => '图片没有完整上传（网络中断），请检查网络后重新上传。',
  'error.MATERIALS_INCOMPLETE': (p) => `该考生必传材料尚未上传齐全${p.missing ? `（缺：${p.missing}）` : ''}，上传截止前不能领取审核；可在“材料不齐”中提醒考生。`,
  'error.REMINDED_TODAY': (p) => `今天已提醒过该考生${p.at ? `（${p.at}）` : ''}，每位考生每天最多提醒一次，请明天再提醒，或电话联系考生。`,
  'error.OVERLOADED': (p) => `当前上传人数较多，正在排队，请 ${p.retryAfterSeconds ?? 5} 秒后重试（页面会自动重试）。`,
  'error.STORAGE_UNAVAILABLE': (p) => `图片存储暂时不可用，本次未保存任何内容，请 ${p.retryAfterSeconds ?? 30} 秒后重试。`,
  'error.STORAGE_FULL': (p) => `图片存储空间不足，本次未保存任何内容，请 ${p.retryAfterSeconds ?? 300} 秒后重试；如持续出现请联系考点。`,
  'error.IDEMPOTENCY_CONFLICT': () => '该请求正在处理中，请稍候再试。',
  'error.CLAIMED_BY_OTHER': (p) => `该考生正由其他审核员（${p.by ?? '他人'}）审核中，请选择其他考生。`,
  'error.NOT_REVIEWABLE': () => '该考生当前状态不在您的审核环节，请刷新列表。',
  'error.REVIEW_CLOSED': (p) => p.closesAt ? `本考区审核已于 ${p.closesAt} 截止，不能再领取审核。` : p.opensAt ? `本考区审核将于 ${p.opensAt} 开始，请届时再审核。` : '本考区当前不在审核时间内。',
  'error.NOT_CLAIMED': () => '您尚未领取该考生或领取已过期，请重新打开后再审核。',
  'error.STALE_IMAGES': () => '考生材料已变化，与您看到的不一致，请刷新后重新审核。',
  'error.DECISION_INVALID': (p) => `审核结论不完整：${decisionText(DECISIONS, p) ?? p.reason ?? '请检查'}`,
  'error.PAYLOAD_TOO_LARGE': () => '提交的内容太大。',
  'error.INTERNAL': () => '系统繁忙，请稍后重试；如仍有问题请联系考点。',
  // Administration (regions, rules, catalog, accounts, registration import, hand-off).
  'error.CODE_TAKEN': (p) => `代码“${p.code ?? ''}”已被使用，请换一个代码；如要修改原有内容，请在列表中点“编辑”。`,
  'error.RULE_EXISTS': () => '同一考区、报考类别、个人情况和材料的规则已存在，请在列表中直接修改该规则。',
  'error.SITE_RULE_RELAXES': (p) => p.reason === 'max_below_minimum' ? `考点规则只能增加要求：最多张数不能少于该材料的最少张数（${p.minCount ?? 1} 张），不限制请留空。` : '考点规则只能增加要求：只能把材料设为“必传”，不能设为“按需上传”或“不显示”（考区、全国规则要求的材料考点不能放宽）。',
  'error.CATEGORY_IN_USE': (p) => `已有考生上传了“${p.name ?? ''}”，不能删除该材料种类；如不再需要，请在“材料要求规则”中将其设为“不显示”。`,
  'error.USERNAME_TAKEN': (p) => `用户名“${p.username ?? ''}”已存在，请换一个用户名。`,
  'error.OWN_ACCOUNT': () => '不能停用或重置自己的账号；如需修改自己的密码，请使用“修改密码”。',
  'error.IMPORT_UNSUPPORTED_FILE': (p) => `只能导入 CSV（UTF-8 或 GBK 编码）或 Excel .xlsx 文件${p.detected ? `（该文件为 ${p.detected}）` : ''}；旧版 .xls 请在 Excel 中“另存为”.xlsx 或 CSV 后重新导入。`,
  'error.IMPORT_HEADER_INVALID': (p) => `表头不正确：第 1 行须为“${p.expected ?? ''}”${p.found ? `，实际为“${p.found}”` : ''}。请使用导入模板，列的名称和顺序都不能改动。`,
  'error.IMPORT_FILE_TOO_LARGE': (p) => `导入文件不能超过 ${kb(p.maxBytes ?? 0)}；请拆分为多个文件，或由管理员使用命令行导入工具导入。`,
  'error.HANDOFF_INVALID': () => '登录链接无效（可能被改动或不完整），请回到报名系统重新点击进入；也可以直接用报名号和密码登录。',
  'error.HANDOFF_EXPIRED': () => '登录链接已过期，请回到报名系统重新点击进入；也可以直接用报名号和密码登录。',
  'error.HANDOFF_USED': () => '该登录链接已经使用过，每个链接只能使用一次。请回到报名系统重新点击进入。',
  'error.HANDOFF_UNAVAILABLE': () => '暂时无法通过报名系统直接登录，请用报名号和密码登录；如账号被停用，请联系考点。',
  // 报名照片检测 (tools): a photo checked for the registration system.
  'error.PHOTO_TOO_LARGE': (p) => `待检测的照片不能超过 ${kb(p.maxBytes ?? 0)}${p.bytes ? `，当前为${kb(p.bytes)}` : ''}；请先把照片缩小（如用手机相册的“编辑/调整大小”）后再检测。`,
  'error.PHOTO_UNREADABLE': (p) => `无法检测该文件${p.detected ? `（实际为 ${String(p.detected).toUpperCase()}）` : ''}：请选择 JPG 或 PNG 格式的照片。`,
} satisfies Record<`error.${string}`, Template>;

const DECISIONS = {
  'decision.comment_too_long': () => '审核意见不能超过1000字',
  'decision.replace_reason_missing': () => '要求更换的图片须写明原因',
  'decision.replace_reason_too_long': () => '更换原因不能超过200字',
  'decision.pass_with_replace': () => '通过时所有图片都须审核通过',
  'decision.pass_missing_required': (p) => `必传材料未上传齐全：${listOf(p.missing).join('、')}`,
  'decision.comment_required_return': () => '退回修改须填写审核意见',
  'decision.comment_required_reject': () => '审核拒绝须填写审核意见',
  'decision.return_nothing_to_fix': () => '退回修改须至少标记一张需更换的图片、要求补充一种材料，或有必传材料未上传',
  'decision.requested_only_on_return': () => '只有退回修改时才能要求考生补充材料',
  'decision.requested_too_many': () => `一次最多要求补充${MAX_REQUESTED_CATEGORIES}种材料`,
  'decision.requested_unknown_category': () => '要求补充的材料种类不在该考生的材料列表中，请刷新后重新选择',
  'decision.requested_duplicate': () => '同一种材料只能要求补充一次',
  'decision.requested_reason_missing': () => '要求补充的材料须写明原因',
  'decision.requested_reason_too_long': () => '补充材料的原因不能超过200字',
  'decision.requested_category_full': () => '要求补充的材料已达上传数量上限，考生无法再上传；请改为标记其中需更换的图片',
} satisfies Record<`decision.${DecisionProblemCode}`, Template>;

const SMS = '【医师资格考试】';
const WHERE = '请登录考生服务系统，在“上传相关材料”页面最上方查看审核意见。';
const who = (level: unknown) => (level === 'site' ? '考点' : '考区');
const missingLine = (missing: unknown) => {
  const names = listOf(missing);
  return names.length ? `现在还需上传：${names.join('、')}。` : '请登录核对材料是否齐全。';
};
const PARTS = { examCategory: '报考类别', situations: '个人情况', place: '考区/考点' } as const;

/** Candidates' notices: Chinese is what is stored and sent (SMS included). */
const NOTICES = {
  'notice.sitePassed.title': () => '考点审核通过',
  'notice.sitePassed.body': () => '您的报名材料已通过考点审核，等待考区审核。',
  'notice.sitePassed.sms': () => `${SMS}您的报名材料已通过考点审核，等待考区审核。`,
  'notice.regionPassed.title': () => '审核通过',
  'notice.regionPassed.body': () => '您的报名材料已通过考区审核，审核结束。',
  'notice.regionPassed.sms': () => `${SMS}您的报名材料审核通过。`,
  'notice.returned.title': () => '退回修改',
  'notice.returned.body': (p) => {
    const asked = requestedOf(p.requested).map((r) => `${r.name}（${r.reason}）`).join('；');
    return `${who(p.level)}审核意见：${p.comment ?? ''}\n请按审核意见更换标记的图片，修改后将自动等待再次审核。${WHERE}${asked ? `\n需补充的材料：${asked}` : ''}`;
  },
  'notice.returned.sms': (p) => `${SMS}您的报名材料被${who(p.level)}退回修改，${WHERE}`,
  'notice.rejected.title': () => '审核拒绝',
  'notice.rejected.body': (p) => `${who(p.level)}审核意见：${p.comment ?? ''}`,
  'notice.rejected.sms': () => `${SMS}您的报名材料审核未通过（审核拒绝）。${WHERE}`,
  'notice.reminder.title': () => '请补齐报名材料',
  'notice.reminder.body': (p) => {
    const names = listOf(p.missing);
    const what = names.length ? `还需上传：${names.join('、')}。` : '还有审核要求补充的材料未上传。';
    return `您的必传材料尚未上传齐全，考点暂时无法审核。${what}请在材料上传截止前登录考生服务系统，进入“上传相关材料”补齐。`;
  },
  'notice.reminder.sms': () => `${SMS}您的报名材料尚未上传齐全，考点暂时无法审核，请在上传截止前登录考生服务系统补齐材料。`,
  'notice.reopened.title': () => '审核重新开启',
  'notice.reopened.body': (p) => `您的报名材料审核已重新开启，将再次审核。原因：${p.reason ?? ''}`,
  'notice.reopened.sms': () => `${SMS}您的报名材料审核已重新开启，请留意后续审核结果。`,
  'notice.siteRequirementsChanged.title': () => '考点材料要求变更：请核对并补充材料',
  'notice.siteRequirementsChanged.body': (p) => [
    '您所在考点调整了需要上传的材料。',
    p.reset ? '您原来的审核结果已失效，状态改为“填报”，补齐材料后将重新审核。已审核通过且仍需要的图片保持通过。' : '已上传的图片均保留。',
    missingLine(p.missing),
    '请登录考生服务系统，进入“上传相关材料”查看。',
  ].join('\n'),
  'notice.siteRequirementsChanged.sms': (p) => `${SMS}您所在考点调整了需要上传的材料${p.reset ? '，原审核结果已失效' : ''}，请登录考生服务系统查看并补充材料。`,
  'notice.registrationChanged.title': (p) => `报考信息变更：请核对${p.formerStatus ? '并补充' : ''}材料`,
  'notice.registrationChanged.body': (p) => {
    const parts = changedPartsOf(p.changed);
    const situations = listOf(p.situations);
    return [
      `报名系统更新了您的${parts.map((x) => PARTS[x]).join('、')}${parts.includes('situations') ? `（个人情况：${situations.length ? situations.join('、') : '无'}）` : ''}，需要上传的材料随之变化。`,
      p.formerStatus
        ? `您原来的审核状态“${statusLabel(p.formerStatus as RegistrationStatus)}”已失效，状态改为“填报”，补齐材料后将重新审核。已审核通过且仍需要的图片保持通过。`
        : '已上传的图片均保留。',
      missingLine(p.missing),
      '不再需要的材料图片仍然保留（不再必传的已通过图片可自行删除），请登录考生服务系统，进入“上传相关材料”查看。',
    ].join('\n');
  },
  'notice.registrationChanged.sms': (p) =>
    `${SMS}您的${changedPartsOf(p.changed).map((x) => PARTS[x]).join('、')}已变更，需要上传的材料随之变化${p.formerStatus ? '，原审核结果已失效' : ''}，请登录考生服务系统查看并补充材料。`,
} satisfies Record<`notice.${string}`, Template>;

export const zhCN = { ...ERRORS, ...DECISIONS, ...NOTICES };

/** Every message code: a key of the Chinese catalogue. */
export type MessageCode = keyof typeof zhCN;
