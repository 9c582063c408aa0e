import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../adapters/db/schema.js';
import { toBool, toDbTime } from '../adapters/db/time.js';
import { missingRequired } from '../domain/catalog.js';
import { reviewQueueOf } from '../domain/review-rules.js';
import type { RegistrationStatus } from '../domain/registration-status.js';
import { resolveCategoriesFor } from './load-candidate-file.js';

type Db = Kysely<DB> | Transaction<DB>;

/** Required categories not yet filled to their minimum, by name. */
export async function missingRequiredFor(db: Db, registrationId: string): Promise<{ codes: string[]; names: string[]; imageCount: number }> {
  const r = await db
    .selectFrom('registrations')
    .select(['region_code', 'exam_category_code', 'situations'])
    .where('id', '=', registrationId)
    .executeTakeFirstOrThrow();
  const categories = await resolveCategoriesFor(db, {
    region: { code: r.region_code, name: '' },
    examCategory: { code: r.exam_category_code, name: '' },
    situations: JSON.parse(r.situations) as string[],
  });
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
 * images, inside the caller's transaction.
 */
export async function refreshReviewSummary(db: Db, registrationId: string, now: Date, opts: { statusChanged?: boolean } = {}): Promise<void> {
  const reg = await db
    .selectFrom('registrations')
    .select(['status', 'changed_since_return', 'review_queue'])
    .where('id', '=', registrationId)
    .executeTakeFirstOrThrow();
  const { codes, imageCount } = await missingRequiredFor(db, registrationId);
  const queue = reviewQueueOf(reg.status as RegistrationStatus, toBool(reg.changed_since_return));
  const entersQueue = queue !== null && (opts.statusChanged || queue !== reg.review_queue);
  await db
    .updateTable('registrations')
    .set({
      review_queue: queue,
      materials_complete: codes.length === 0 ? 1 : 0,
      image_count: imageCount,
      ...(entersQueue ? { waiting_since: toDbTime(now) } : {}),
    })
    .where('id', '=', registrationId)
    .execute();
}
