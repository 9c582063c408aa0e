import { z } from 'zod';
import type { Actor, Deps } from './deps.js';
import type { QueueQuery } from '../contracts/review.js';
import { AppError, type Locale } from '../domain/errors.js';
import { fromDbTime, toBool, toDbTime } from '../adapters/db/time.js';
import { statusLabel, REGISTRATION_STATUSES, type RegistrationStatus } from '../domain/registration-status.js';
import { normaliseIdNumber } from '../domain/id-number.js';
import { levelOf } from '../domain/review-rules.js';
import { inScope } from './staff-scope.js';
import { isUploadOpen } from '../domain/image-state.js';
import { chinaDay } from '../domain/china-time.js';
import { fromDbTimeOrNull } from '../adapters/db/time.js';


const encodeCursor = (t: string, id: string) => Buffer.from(JSON.stringify([t, id])).toString('base64url');
function decodeCursor(c: string): [string, string] {
  try {
    const v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string') return [v[0], v[1]];
  } catch {
    /* fall through */
  }
  throw new AppError('VALIDATION_FAILED', { reason: 'cursor 无效，请从第一页重新加载' });
}

/**
 * The reviewer's queue: keyset-paginated, oldest waiting first, scope in the WHERE.
 * The pending queue reads the (scope, review_queue, waiting_since, id) index; a status
 * filter reads (scope, status, status_changed_at, id).
 */
export async function listReviewQueue(deps: Deps, actor: Actor, query: QueueQuery, locale: Locale) {
  const now = deps.clock.now();
  const nowIso = toDbTime(now);
  const level = levelOf(actor.role);
  const status = query.status ?? (level ? 'pending' : 'all');
  const byPending = status === 'pending' || status === 'incomplete';
  const timeCol = byPending ? 'r.waiting_since' : 'r.status_changed_at';

  let q = deps.db
    .selectFrom('registrations as r')
    .innerJoin('sites as s', 's.code', 'r.site_code')
    .innerJoin('exam_categories as e', 'e.code', 'r.exam_category_code')
    .select([
      'r.id', 'r.registration_no', 'r.name', 'r.id_number_masked', 'r.phone_masked', 'r.status', 'r.status_changed_at',
      'r.waiting_since', 'r.changed_since_return', 'r.materials_complete', 'r.image_count', 'r.claim_account_id', 'r.claim_expires_at',
      's.code as site_code', 's.name as site_name', 'e.code as exam_code', 'e.name as exam_name', 'e.name_en as exam_name_en',
    ])
    .where(inScope(actor));

  if (byPending) {
    if (!level) throw new AppError('VALIDATION_FAILED', { reason: '只有审核员有待审队列' });
    q = q.where('r.review_queue', '=', level);
    if (status === 'incomplete') q = q.where('r.materials_complete', '=', 0);
    else if (!query.complete && (await uploadOpenFor(deps, actor, now))) q = q.where('r.materials_complete', '=', 1);
  } else if (status !== 'all') {
    q = q.where('r.status', '=', status as RegistrationStatus);
  }
  if (query.examCategory) q = q.where('r.exam_category_code', '=', query.examCategory);
  if (query.site) q = q.where('r.site_code', '=', query.site);
  if (query.complete) q = q.where('r.materials_complete', '=', query.complete === 'true' ? 1 : 0);
  if (query.changed) q = q.where('r.changed_since_return', '=', query.changed === 'true' ? 1 : 0);
  if (query.claimed === 'true') q = q.where('r.claim_expires_at', '>', nowIso);
  if (query.claimed === 'false') q = q.where((eb) => eb.or([eb('r.claim_expires_at', 'is', null), eb('r.claim_expires_at', '<=', nowIso)]));
  if (query.q) {
    const term = query.q;
    if (/^\d{17}[\dXx]$/.test(term)) {
      // A full ID number is found through its keyed hash, never by scanning plain numbers.
      q = q.where('r.id_number_hash', '=', deps.cipher.searchHash(normaliseIdNumber(term)));
    } else if (/^\d{4,}$/.test(term)) {
      q = q.where('r.registration_no', '>=', term).where('r.registration_no', '<', `${term}:`);
    } else {
      q = q.where('r.name', '=', term);
    }
  }
  if (query.cursor) {
    const [t, id] = decodeCursor(query.cursor);
    // A row-value comparison, not `t > ? or (t = ? and id > ?)`: both databases turn it into
    // an index range starting at the cursor, where the OR form scans (and, on PostgreSQL, reads
    // from the table) every row before it — tens of thousands deep in a large site's queue.
    q = q.where(({ eb, refTuple, tuple }) => eb(refTuple(timeCol, 'r.id'), '>', tuple(t, id)));
  }
  const rows = await q.orderBy(timeCol).orderBy('r.id').limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit);
  const reminded = status === 'incomplete' ? await remindedToday(deps, page.map((r) => r.id), now) : new Set<string>();
  const last = page.at(-1);
  const lastTime = last ? (byPending ? last.waiting_since : last.status_changed_at) : null;
  return {
    items: page.map((r) => {
      const claimed = r.claim_expires_at != null && fromDbTime(r.claim_expires_at) > now;
      return {
        registrationNo: r.registration_no,
        name: r.name,
        idNumberMasked: r.id_number_masked,
        phoneMasked: r.phone_masked,
        examCategory: { code: r.exam_code, name: r.exam_name, nameEn: r.exam_name_en },
        site: { code: r.site_code, name: r.site_name },
        status: r.status as RegistrationStatus,
        statusLabel: statusLabel(r.status as RegistrationStatus, locale),
        changedSinceReturn: toBool(r.changed_since_return),
        materialsComplete: toBool(r.materials_complete),
        imageCount: r.image_count,
        waitingSince: fromDbTime(r.waiting_since).toISOString(),
        statusChangedAt: fromDbTime(r.status_changed_at).toISOString(),
        claimed,
        claimedByMe: claimed && r.claim_account_id === actor.accountId,
        ...(status === 'incomplete' ? { remindedToday: reminded.has(r.id) } : {}),
      };
    }),
    nextCursor: rows.length > query.limit && last && lastTime ? encodeCursor(toDbTime(fromDbTime(lastTime)), last.id) : null,
  };
}

/**
 * Counts per status (and pending for the caller's level) for the filter tabs, in one pass
 * over the narrow (scope, status, review_queue) index.
 */
export async function countByStatus(deps: Deps, actor: Actor) {
  const rows = await deps.db
    .selectFrom('registrations as r')
    .select(['r.status', 'r.review_queue', (eb) => eb.fn.countAll<number>().as('n')])
    .where(inScope(actor))
    .groupBy(['r.status', 'r.review_queue'])
    .execute();
  const counts: Record<string, number> = Object.fromEntries(REGISTRATION_STATUSES.map((s) => [s, 0]));
  const level = levelOf(actor.role);
  let pending = 0;
  for (const r of rows) {
    counts[r.status] = (counts[r.status] ?? 0) + Number(r.n);
    if (level && r.review_queue === level) pending += Number(r.n);
  }
  if (level) {
    // 材料不齐: waiting at this level but not complete; while upload is open they are not pending.
    const iq = deps.db
      .selectFrom('registrations as r')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(inScope(actor))
      .where('r.review_queue', '=', level)
      .where('r.materials_complete', '=', 0);
    const incomplete = Number((await iq.executeTakeFirstOrThrow()).n);
    counts.incomplete = incomplete;
    counts.pending = (await uploadOpenFor(deps, actor, deps.clock.now())) ? pending - incomplete : pending;
  }
  counts.all = REGISTRATION_STATUSES.reduce((a, s) => a + (counts[s] ?? 0), 0);
  return counts;
}

/** Whether the upload window of the caller's region is open (site reviewers: their site's region). */
export async function uploadOpenFor(deps: Deps, actor: Actor, now: Date): Promise<boolean> {
  let q = deps.db.selectFrom('regions as g').select(['g.upload_enabled', 'g.upload_opens_at', 'g.upload_closes_at']);
  if (actor.role === 'site_reviewer') q = q.innerJoin('sites as s', 's.region_code', 'g.code').where('s.code', '=', actor.siteCode ?? '\u0000');
  else if (actor.regionCode) q = q.where('g.code', '=', actor.regionCode);
  else return false;
  const g = await q.executeTakeFirst();
  return g ? isUploadOpen({ uploadEnabled: toBool(g.upload_enabled), opensAt: fromDbTimeOrNull(g.upload_opens_at), closesAt: fromDbTimeOrNull(g.upload_closes_at) }, now) : false;
}

async function remindedToday(deps: Deps, ids: string[], now: Date): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await deps.db
    .selectFrom('candidate_reminders')
    .select('registration_id')
    .where('registration_id', 'in', ids)
    .where('day', '=', chinaDay(now))
    .execute();
  return new Set(rows.map((r) => r.registration_id));
}
