import type { Actor, Deps } from './deps.js';
import { AppError, type Locale } from '../domain/errors.js';
import type { Repositories } from '../ports/store.js';
import { allowedActions, levelOf } from '../domain/review-rules.js';
import { loadCandidateFile } from './load-candidate-file.js';
import { registrationView } from './candidate-views.js';
import { buildMaterials } from './get-materials.js';
import { missingRequired } from '../domain/catalog.js';
import { findInScope } from './find-in-scope.js';
import { loadReviewDraft } from './review-draft.js';
import { loadSiteOpinion } from './site-opinion.js';
import { attachDuplicates } from './image-duplicates.js';

const ACTION_LABELS: Record<string, string> = {
  'candidate.activated': '考生激活账号',
  'image.uploaded': '上传图片',
  'image.deleted': '删除图片',
  'image.viewed': '查看图片',
  'image.duplicate_detected': '发现重复图片',
  'image.duplicate_opened': '查看重复图片',
  'registration.viewed': '打开审核页',
  'review.claimed': '领取审核',
  'review.renewed': '续期审核',
  'review.released': '放弃审核',
  'review.decided': '作出审核结论',
  'review.image_verdict': '图片审核',
  'review.phone_call': '电话通知',
  'phone.revealed': '查看完整手机号',
  'review.reopened': '重新开启审核',
  'review.reminded': '提醒补齐材料',
  'registration.imported': '导入报名信息',
  'registration.updated': '报名信息变更',
};

/** The history shown on the review page: every recorded action, oldest first, read-only. */
export async function registrationHistory(tx: Pick<Repositories, 'review'>, registrationId: string) {
  const rows = await tx.review.history(registrationId, 1000);
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    action: r.action,
    actionLabel: ACTION_LABELS[r.action] ?? r.action,
    actor: r.actorName ? { name: r.actorName, role: r.actorRole } : null,
    imageId: r.imageId,
    details: r.details,
  }));
}

/** Registration + materials + history + what the caller may do, for the review page. */
export async function getReviewFile(deps: Deps, actor: Actor, registrationNo: string, locale: Locale) {
  const found = await findInScope(deps, actor, registrationNo);
  const now = deps.clock.now();
  const file = await loadCandidateFile(deps.store, found.id, now);
  if (!file) throw new AppError('NOT_FOUND');
  await deps.store.audit.append({ at: now, actorAccountId: actor.accountId, actorRole: actor.role, action: 'registration.viewed', registrationId: found.id, ip: actor.ip });
  const [materials, history] = await Promise.all([buildMaterials(deps, file, locale), registrationHistory(deps.store, found.id)]);
  // The page's categories already hold the live images: what is missing follows without reading them again.
  const missingCodes = missingRequired(materials.categories.map((c) => ({ code: c.code, requirement: c.required ? 'required' : 'optional', minCount: c.minCount, imageCount: c.images.length })));
  const missing = { codes: missingCodes, names: materials.categories.filter((c) => missingCodes.includes(c.code)).map((c) => c.name) };
  const claimedByMe = file.claimed && found.claimAccountId === actor.accountId;
  const claimHolder = file.claimed && !claimedByMe && found.claimAccountId ? await deps.store.review.displayNameOf(found.claimAccountId) : null;
  const images = materials.categories.flatMap((c) => c.images);
  const liveIds = [...images, ...materials.otherImages].map((i) => i.id);
  const [draft, siteOpinion] = await Promise.all([
    claimedByMe ? loadReviewDraft(deps.store, found.id, actor, liveIds) : null,
    loadSiteOpinion(deps.store, found.id, liveIds),
    attachDuplicates(deps.store, actor, found.id, [...images, ...materials.otherImages]),
  ]);
  return {
    ...registrationView(file, locale),
    changedSinceReturn: found.changedSinceReturn,
    materials,
    history,
    missingRequired: missing.names,
    claim: file.claimed
      ? { byMe: claimedByMe, by: claimHolder ?? (claimedByMe ? actor.displayName : null), expiresAt: found.claimExpiresAt?.toISOString() ?? null }
      : null,
    allowedActions: allowedActions(actor.role, file.status, found.changedSinceReturn, images.map((i) => i.state), missing.codes),
    reviewLevel: levelOf(actor.role),
    /** The caller's saved per-image marks for this claim (survive a reload or another device). */
    draft,
    /** The latest site decision and its per-image verdicts (考点意见), apart from the caller's own. */
    siteOpinion,
  };
}
