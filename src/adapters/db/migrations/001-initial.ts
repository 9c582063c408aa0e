import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../../ports/dialect.js';

/** The whole first schema, written once for SQLite and PostgreSQL. */
export function initialMigration(dialect: Dialect) {
  const time = dialect === 'postgres' ? sql`timestamptz` : sql`text`;
  const serial = (t: any) =>
    dialect === 'postgres'
      ? t.addColumn('id', 'bigserial', (c: any) => c.primaryKey())
      : t.addColumn('id', 'integer', (c: any) => c.primaryKey().autoIncrement());

  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('regions')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('upload_enabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('upload_opens_at', time)
        .addColumn('upload_closes_at', time)
        .addColumn('review_opens_at', time)
        .addColumn('review_closes_at', time)
        .execute();
      await db.schema
        .createTable('sites')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
        .addColumn('name', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sites_region').on('sites').column('region_code').execute();
      await db.schema
        .createTable('exam_categories')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull().unique())
        .addColumn('sort_order', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('material_categories')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('requirements', 'text', (c) => c.notNull())
        .addColumn('min_count', 'integer', (c) => c.notNull())
        .addColumn('max_count', 'integer', (c) => c.notNull())
        .addColumn('sort_order', 'integer', (c) => c.notNull())
        .addColumn('example_image', 'text')
        .addCheckConstraint('material_count_range', sql`min_count >= 0 and max_count >= 1 and max_count >= min_count and max_count <= 20`)
        .execute();
      await serial(db.schema.createTable('requirement_rules'))
        .addColumn('region_code', 'text', (c: any) => c.references('regions.code'))
        .addColumn('exam_category_code', 'text', (c: any) => c.references('exam_categories.code'))
        .addColumn('situation', 'text')
        .addColumn('material_code', 'text', (c: any) => c.notNull().references('material_categories.code'))
        .addColumn('requirement', 'text', (c: any) => c.notNull())
        .addColumn('max_count', 'integer')
        .addColumn('extra_text', 'text')
        .addCheckConstraint('requirement_kind', sql`requirement in ('required','optional','hidden')`)
        .execute();
      await db.schema
        .createTable('registrations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('registration_no', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('id_type', 'text', (c) => c.notNull())
        .addColumn('id_number_cipher', 'text', (c) => c.notNull())
        .addColumn('id_number_hash', 'text', (c) => c.notNull())
        .addColumn('id_number_masked', 'text', (c) => c.notNull())
        .addColumn('phone_cipher', 'text', (c) => c.notNull())
        .addColumn('phone_masked', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('exam_category_code', 'text', (c) => c.notNull().references('exam_categories.code'))
        .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
        .addColumn('site_code', 'text', (c) => c.notNull().references('sites.code'))
        .addColumn('situations', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_changed_at', time, (c) => c.notNull())
        .addColumn('activated_at', time)
        .addColumn('changed_since_return', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('claim_account_id', 'text')
        .addColumn('claim_expires_at', time)
        // Denormalised for the review queues: which queue the registration waits in
        // ('site' | 'region' | null), since when, and whether its materials are complete.
        .addColumn('review_queue', 'text')
        .addColumn('waiting_since', time, (c) => c.notNull())
        .addColumn('materials_complete', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('image_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('updated_at', time, (c) => c.notNull())
        .addCheckConstraint('registration_status', sql`status in ('draft','returned','site_approved','approved','rejected')`)
        .execute();
      // Review queues read by scope + status, oldest waiting first.
      await db.schema.createIndex('registrations_site_queue').on('registrations').columns(['site_code', 'status', 'status_changed_at', 'id']).execute();
      await db.schema.createIndex('registrations_region_queue').on('registrations').columns(['region_code', 'status', 'status_changed_at', 'id']).execute();
      await db.schema.createIndex('registrations_site_pending').on('registrations').columns(['site_code', 'review_queue', 'waiting_since', 'id']).execute();
      await db.schema.createIndex('registrations_region_pending').on('registrations').columns(['region_code', 'review_queue', 'waiting_since', 'id']).execute();
      await db.schema.createIndex('registrations_id_hash').on('registrations').column('id_number_hash').execute();
      await db.schema.createIndex('registrations_name').on('registrations').columns(['name', 'region_code']).execute();
      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('region_code', 'text', (c) => c.references('regions.code'))
        .addColumn('site_code', 'text', (c) => c.references('sites.code'))
        .addColumn('registration_id', 'text', (c) => c.references('registrations.id').unique())
        .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', time, (c) => c.notNull())
        .addCheckConstraint('account_role', sql`role in ('candidate','site_reviewer','region_reviewer','admin')`)
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', time, (c) => c.notNull())
        .addColumn('expires_at', time, (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();
      await db.schema
        .createTable('login_throttle')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('window_started_at', time, (c) => c.notNull())
        .addColumn('blocked_until', time)
        .execute();
      await db.schema
        .createTable('images')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('registration_id', 'text', (c) => c.notNull().references('registrations.id'))
        .addColumn('category_code', 'text', (c) => c.notNull().references('material_categories.code'))
        .addColumn('slot', 'integer', (c) => c.notNull())
        .addColumn('blob_key', 'text', (c) => c.notNull())
        .addColumn('thumb_key', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('bytes', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('uploaded_at', time, (c) => c.notNull())
        .addColumn('deleted_at', time)
        .addCheckConstraint('image_state', sql`state in ('pending','approved','replace_requested')`)
        .execute();
      // One live image per slot: the category maximum holds under concurrent uploads.
      await db.schema
        .createIndex('images_live_slot')
        .on('images')
        .columns(['registration_id', 'category_code', 'slot'])
        .unique()
        .where(sql.ref('deleted_at'), 'is', null)
        .execute();
      await db.schema
        .createTable('idempotency_keys')
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('request_fingerprint', 'text', (c) => c.notNull())
        .addColumn('status_code', 'integer', (c) => c.notNull())
        .addColumn('response_body', 'text', (c) => c.notNull())
        .addColumn('created_at', time, (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_pk', ['account_id', 'key'])
        .execute();
      await serial(db.schema.createTable('audit_events'))
        .addColumn('at', time, (c: any) => c.notNull())
        .addColumn('actor_account_id', 'text')
        .addColumn('actor_role', 'text')
        .addColumn('action', 'text', (c: any) => c.notNull())
        .addColumn('registration_id', 'text')
        .addColumn('image_id', 'text')
        .addColumn('details', 'text', (c: any) => c.notNull().defaultTo('{}'))
        .addColumn('ip', 'text')
        .execute();
      await db.schema.createIndex('audit_registration').on('audit_events').columns(['registration_id', 'id']).execute();
      await serial(db.schema.createTable('review_comments'))
        .addColumn('registration_id', 'text', (c: any) => c.notNull().references('registrations.id'))
        .addColumn('level', 'text', (c: any) => c.notNull())
        .addColumn('outcome', 'text', (c: any) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('account_id', 'text', (c: any) => c.notNull())
        .addColumn('at', time, (c: any) => c.notNull())
        .execute();
      await db.schema.createIndex('review_comments_registration').on('review_comments').columns(['registration_id', 'id']).execute();
      await serial(db.schema.createTable('jobs'))
        .addColumn('kind', 'text', (c: any) => c.notNull())
        .addColumn('payload', 'text', (c: any) => c.notNull())
        .addColumn('run_at', time, (c: any) => c.notNull())
        .addColumn('attempts', 'integer', (c: any) => c.notNull().defaultTo(0))
        .addColumn('locked_until', time)
        .addColumn('done_at', time)
        .addColumn('last_error', 'text')
        .execute();
      await db.schema.createIndex('jobs_due').on('jobs').columns(['done_at', 'run_at']).execute();
      await serial(db.schema.createTable('messages'))
        .addColumn('registration_id', 'text', (c: any) => c.notNull().references('registrations.id'))
        .addColumn('title', 'text', (c: any) => c.notNull())
        .addColumn('body', 'text', (c: any) => c.notNull())
        .addColumn('created_at', time, (c: any) => c.notNull())
        .addColumn('read_at', time)
        .execute();
      await db.schema.createIndex('messages_registration').on('messages').columns(['registration_id', 'id']).execute();
      await db.schema
        .createTable('pending_blobs')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('created_at', time, (c) => c.notNull())
        .execute();
      if (dialect === 'postgres') {
        // The audit trail is append-only: refuse UPDATE and DELETE at the database.
        await sql`create function audit_events_append_only() returns trigger language plpgsql as $$
          begin raise exception 'audit_events is append-only'; end $$`.execute(db);
        await sql`create trigger audit_events_no_change before update or delete on audit_events
          for each row execute function audit_events_append_only()`.execute(db);
      } else {
        await sql`create trigger audit_events_no_update before update on audit_events
          begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
        await sql`create trigger audit_events_no_delete before delete on audit_events
          begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
      }
    },
    async down(): Promise<void> {
      throw new Error('The initial migration is not reversible.');
    },
  };
}
