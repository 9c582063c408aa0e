import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../adapters/db/schema.js';
import { toBool, toDbTime } from '../adapters/db/time.js';
import { missingRequired } from '../domain/catalog.js';
import { reviewQueueOf } from '../domain/review-rules.js';
import type { RegistrationStatus } from '../domain/registration-status.js';
import { requirementsOfRegistration } from './resolve-requirements.js';
import { repositoriesOver } from '../adapters/db/store.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Required categories not yet filled to their minimum, by name. */
export async function missingRequiredFor(db: Db, registrationId: string): Promise<{ codes: string[]; names: string[]; imageCount: number }> {
  const registration = await db.selectFrom('registrations').select(['region_code', 'site_code', 'exam_category_code', 'situations']).where('id', '=', registrationId).executeTakeFirstOrThrow();
  const categories = await requirementsOfRegistration(repositoriesOver(db), registration);
  const counts = await db
    .selectFrom('images')
    .select(['category_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('registration_id', '=', registrationId)
    .where('deleted_at', 'is', null)
    .groupBy('category_code')
    .execute();
  const byCode = new Map(counts.map((c) => [c.category_code, Number(c.n)]));
  const missing = missingRequired(categories.map((c) => ({ ...c, imageCount: byCode.get(c.code) ?? 0 })));
  const names = categories.filter((c) => missing.includes(c.code)).map((c) => c.name);
  return { codes: missing, names, imageCount: [...byCode.values()].reduce((a, b) => a + b, 0) };
}

/**
 * Keeps the queue columns of a registration true after any change to its status or
 * images, inside the caller's transaction. "Complete" means every required category is
 * filled and no category a reviewer asked for is still empty. A returned file goes back
 * to the site queue (changed since return) once nothing is left on the candidate's to-do:
 * no missing category, no image marked for replacement, no open request; it stays there
 * until the next decision.
 */
export async function refreshReviewSummary(db: Db, registrationId: string, now: Date, opts: { statusChanged?: boolean } = {}): Promise<void> {
  const reg = await db
    .selectFrom('registrations')
    .select(['status', 'changed_since_return', 'review_queue'])
    .where('id', '=', registrationId)
    .executeTakeFirstOrThrow();
  const [{ codes, imageCount }, open, flagged] = await Promise.all([
    missingRequiredFor(db, registrationId),
    db
      .selectFrom('requested_categories')
      .select('id')
      .where('registration_id', '=', registrationId)
      .where('fulfilled_at', 'is', null)
      .where('closed_at', 'is', null)
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('images')
      .select('id')
      .where('registration_id', '=', registrationId)
      .where('deleted_at', 'is', null)
      .where('state', '=', 'replace_requested')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const complete = codes.length === 0 && open === undefined;
  const status = reg.status as RegistrationStatus;
  const resubmitted = status === 'returned' && (toBool(reg.changed_since_return) || (complete && flagged === undefined));
  const queue = reviewQueueOf(status, resubmitted);
  const entersQueue = queue !== null && (opts.statusChanged || queue !== reg.review_queue);
  await db
    .updateTable('registrations')
    .set({
      review_queue: queue,
      materials_complete: complete ? 1 : 0,
      ...(status === 'returned' ? { changed_since_return: resubmitted ? 1 : 0 } : {}),
      image_count: imageCount,
      ...(entersQueue ? { waiting_since: toDbTime(now) } : {}),
    })
    .where('id', '=', registrationId)
    .execute();
}
