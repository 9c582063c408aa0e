import type { Kysely } from 'kysely';

/** Audit rows name the HTTP request they came from (X-Request-Id, request log `reqId`). */
export function securityAuditRequestIdMigration() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('audit_events').addColumn('request_id', 'text').execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('audit_events').dropColumn('request_id').execute();
    },
  };
}
