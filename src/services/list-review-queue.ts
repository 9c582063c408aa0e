import type { Actor, Deps } from './deps.js';
import type { QueueQuery } from '../contracts/review.js';
import { AppError, type Locale } from '../domain/errors.js';
import { statusLabel, REGISTRATION_STATUSES, type RegistrationStatus } from '../domain/registration-status.js';
import { normaliseIdNumber } from '../domain/id-number.js';
import { levelOf } from '../domain/review-rules.js';
import { staffScopeOf } from '../domain/staff-scope.js';
import { isClaimLive, isUploadOpen } from '../domain/image-state.js';
import { chinaDay } from '../domain/china-time.js';
import type { QueueFilter } from '../ports/repositories/review-queue.js';


const encodeCursor = (t: Date, id: string) => Buffer.from(JSON.stringify([t.toISOString(), id])).toString('base64url');
function decodeCursor(c: string): { at: Date; id: string } {
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string') {
      const at = new Date(v[0]);
      if (!Number.isNaN(at.getTime())) return { at, id: v[1] };
    }
  } catch {
    /* fall through */
  }
  throw new AppError('VALIDATION_FAILED', { reason: 'cursor 无效，请从第一页重新加载' });
}

/** The search box: a full ID number (by its keyed hash), a 报名号 prefix, or a name. */
function searchFilter(deps: Deps, term: string): Pick<QueueFilter, 'idNumberHash' | 'registrationNoPrefix' | 'name'> {
  if (/^\d{17}[\dXx]$/.test(term)) return { idNumberHash: deps.cipher.searchHash(normaliseIdNumber(term)) };
  if (/^\d{4,}$/.test(term)) return { registrationNoPrefix: term };
  return { name: term };
}

/**
 * The reviewer's queue: keyset-paginated, oldest waiting first, scope in the WHERE.
 * `pending` reads by waiting time, a status filter by status time.
 */
export async function listReviewQueue(deps: Deps, actor: Actor, query: QueueQuery, locale: Locale) {
  const now = deps.clock.now();
  const scope = staffScopeOf(actor);
  const level = levelOf(actor.role);
  const status = query.status ?? (level ? 'pending' : 'all');
  const byPending = status === 'pending' || status === 'incomplete';

  const filter: QueueFilter = { now };
  if (byPending) {
    if (!level) throw new AppError('VALIDATION_FAILED', { reason: '只有审核员有待审队列' });
    filter.pendingAt = level;
    if (status === 'incomplete') filter.complete = false;
    else if (!query.complete && (await uploadOpenFor(deps, actor, now))) filter.complete = true;
  } else if (status !== 'all') {
    filter.status = status as RegistrationStatus;
  }
  if (query.examCategory) filter.examCategory = query.examCategory;
  if (query.site) filter.site = query.site;
  // An explicit filter wins over the pending queue's default (as two WHEREs would: both hold).
  if (query.complete) {
    if (filter.complete !== undefined && filter.complete !== (query.complete === 'true')) return { items: [], nextCursor: null };
    filter.complete = query.complete === 'true';
  }
  if (query.changed) filter.changed = query.changed === 'true';
  if (query.claimed) filter.claimed = query.claimed === 'true';
  if (query.q) Object.assign(filter, searchFilter(deps, query.q));
  if (query.cursor) filter.after = decodeCursor(query.cursor);

  const rows = await deps.store.reviewQueue.page(scope, filter, query.limit + 1);
  const page = rows.slice(0, query.limit);
  const reminded = status === 'incomplete' ? await deps.store.reviewQueue.remindedOn(page.map((r) => r.id), chinaDay(now)) : new Set<string>();
  const last = page.at(-1);
  return {
    items: page.map((r) => {
      const claimed = isClaimLive(r.claimExpiresAt, now);
      return {
        registrationNo: r.registrationNo,
        name: r.name,
        idNumberMasked: r.idNumberMasked,
        phoneMasked: r.phoneMasked,
        examCategory: r.examCategory,
        site: r.site,
        status: r.status,
        statusLabel: statusLabel(r.status, locale),
        changedSinceReturn: r.changedSinceReturn,
        materialsComplete: r.materialsComplete,
        imageCount: r.imageCount,
        waitingSince: r.waitingSince.toISOString(),
        statusChangedAt: r.statusChangedAt.toISOString(),
        claimed,
        claimedByMe: claimed && r.claimAccountId === actor.accountId,
        ...(status === 'incomplete' ? { remindedToday: reminded.has(r.id) } : {}),
      };
    }),
    nextCursor: rows.length > query.limit && last ? encodeCursor(byPending ? last.waitingSince : last.statusChangedAt, last.id) : null,
  };
}

/**
 * Counts per status (and pending for the caller's level) for the filter tabs, in one pass
 * over the narrow (scope, status, review_queue) index.
 */
export async function countByStatus(deps: Deps, actor: Actor) {
  const scope = staffScopeOf(actor);
  const rows = await deps.store.reviewQueue.countByStatusAndQueue(scope);
  const counts: Record<string, number> = Object.fromEntries(REGISTRATION_STATUSES.map((s) => [s, 0]));
  const level = levelOf(actor.role);
  let pending = 0;
  for (const r of rows) {
    counts[r.status] = (counts[r.status] ?? 0) + r.n;
    if (level && r.queue === level) pending += r.n;
  }
  if (level) {
    // 材料不齐: waiting at this level but not complete; while upload is open they are not pending.
    const incomplete = await deps.store.reviewQueue.countIncomplete(scope, level);
    counts.incomplete = incomplete;
    counts.pending = (await uploadOpenFor(deps, actor, deps.clock.now())) ? pending - incomplete : pending;
  }
  counts.all = REGISTRATION_STATUSES.reduce((a, s) => a + (counts[s] ?? 0), 0);
  return counts;
}

/** Whether the upload window of the caller's region is open (site reviewers: their site's region). */
export async function uploadOpenFor(deps: Deps, actor: Actor, now: Date): Promise<boolean> {
  const window = await deps.store.reviewQueue.uploadWindowOf(staffScopeOf(actor));
  return window ? isUploadOpen(window, now) : false;
}
