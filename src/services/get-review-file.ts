import type { Actor, Deps } from './deps.js';
import { AppError, type Locale } from '../domain/errors.js';
import { fromDbTime, toBool } from '../adapters/db/time.js';
import { appendAudit } from '../adapters/db/repositories/audit-log.js';
import { allowedActions, levelOf } from '../domain/review-rules.js';
import { loadCandidateFile } from './load-candidate-file.js';
import { registrationView } from './candidate-views.js';
import { buildMaterials } from './get-materials.js';
import { missingRequiredFor } from './refresh-review-summary.js';
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
export async function registrationHistory(deps: Deps, registrationId: string) {
  const rows = await deps.db
    .selectFrom('audit_events as a')
    .leftJoin('accounts as u', 'u.id', 'a.actor_account_id')
    .select(['a.id', 'a.at', 'a.action', 'a.actor_role', 'a.image_id', 'a.details', 'u.display_name', 'u.username'])
    .where('a.registration_id', '=', registrationId)
    .where('a.action', 'not in', ['auth.login', 'auth.login_failed'])
    .orderBy('a.id')
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    at: fromDbTime(r.at).toISOString(),
    action: r.action,
    actionLabel: ACTION_LABELS[r.action] ?? r.action,
    actor: r.display_name ? { name: r.display_name, role: r.actor_role } : null,
    imageId: r.image_id,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}

/** Registration + materials + history + what the caller may do, for the review page. */
export async function getReviewFile(deps: Deps, actor: Actor, registrationNo: string, locale: Locale) {
  const found = await findInScope(deps, actor, registrationNo);
  const now = deps.clock.now();
  const file = await loadCandidateFile(deps.store, found.id, now);
  if (!file) throw new AppError('NOT_FOUND');
  await appendAudit(deps.db, { at: now, actorAccountId: actor.accountId, actorRole: actor.role, action: 'registration.viewed', registrationId: found.id, ip: actor.ip });
  const [materials, history, missing] = await Promise.all([
    buildMaterials(deps, file, locale),
    registrationHistory(deps, found.id),
    missingRequiredFor(deps.db, found.id),
  ]);
  const claimedByMe = file.claimed && found.claim_account_id === actor.accountId;
  const claimHolder = file.claimed && !claimedByMe && found.claim_account_id
    ? await deps.db.selectFrom('accounts').select('display_name').where('id', '=', found.claim_account_id).executeTakeFirst()
    : undefined;
  const images = materials.categories.flatMap((c) => c.images);
  const liveIds = [...images, ...materials.otherImages].map((i) => i.id);
  const [draft, siteOpinion] = await Promise.all([
    claimedByMe ? loadReviewDraft(deps.db, found.id, actor, liveIds) : null,
    loadSiteOpinion(deps.db, found.id, liveIds),
    attachDuplicates(deps.store, actor, found.id, [...images, ...materials.otherImages]),
  ]);
  return {
    ...registrationView(file, locale),
    changedSinceReturn: toBool(found.changed_since_return),
    materials,
    history,
    missingRequired: missing.names,
    claim: file.claimed
      ? { byMe: claimedByMe, by: claimHolder?.display_name ?? (claimedByMe ? actor.displayName : null), expiresAt: found.claim_expires_at ? fromDbTime(found.claim_expires_at).toISOString() : null }
      : null,
    allowedActions: allowedActions(actor.role, file.status, toBool(found.changed_since_return), images.map((i) => i.state), missing.codes),
    reviewLevel: levelOf(actor.role),
    /** The caller's saved per-image marks for this claim (survive a reload or another device). */
    draft,
    /** The latest site decision and its per-image verdicts (考点意见), apart from the caller's own. */
    siteOpinion,
  };
}
