import type { Kysely } from 'kysely';
import type { DB } from '../schema.js';
import { toDbTime } from '../time.js';
import type { IdempotencyRepository } from '../../../ports/repositories/idempotency.js';

export const createIdempotencyRepository = (db: Kysely<DB>): IdempotencyRepository => ({
  async find(accountId, key) {
    const row = await db
      .selectFrom('idempotency_keys')
      .select(['status_code', 'response_body', 'request_fingerprint'])
      .where('account_id', '=', accountId)
      .where('key', '=', key)
      .executeTakeFirst();
    return row ? { statusCode: Number(row.status_code), responseBody: row.response_body, requestFingerprint: row.request_fingerprint ?? '' } : null;
  },

  async save(accountId, key, answer, at) {
    await db
      .insertInto('idempotency_keys')
      .values({ account_id: accountId, key, request_fingerprint: answer.requestFingerprint, status_code: answer.statusCode, response_body: answer.responseBody, created_at: toDbTime(at) })
      .execute();
  },
});
