import { sql, type Kysely } from 'kysely';

/**
 * 考点 requirement rules (issue 12, item 10): a site adds rules of its own within its region's.
 * A site rule is a requirement_rules row with `site_code` set (and its site's region in
 * `region_code`); it can only add required categories (domain/catalog.ts, applySiteRules),
 * which the services check on the way in. The one-rule-per-key index now includes the site.
 */
export function siteRequirementRulesMigration() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('requirement_rules').addColumn('site_code', 'text', (c) => c.references('sites.code')).execute();
      await db.schema.dropIndex('requirement_rules_key').execute();
      await sql`create unique index requirement_rules_key on requirement_rules
        (coalesce(region_code, ''), coalesce(site_code, ''), coalesce(exam_category_code, ''), coalesce(situation, ''), material_code)`.execute(db);
      // The site list and the per-site resolution read a site's rules by this.
      await db.schema.createIndex('requirement_rules_site').on('requirement_rules').column('site_code').execute();
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.deleteFrom('requirement_rules').where('site_code', 'is not', null).execute();
      await db.schema.dropIndex('requirement_rules_site').execute();
      await db.schema.dropIndex('requirement_rules_key').execute();
      await sql`create unique index requirement_rules_key on requirement_rules
        (coalesce(region_code, ''), coalesce(exam_category_code, ''), coalesce(situation, ''), material_code)`.execute(db);
      await db.schema.alterTable('requirement_rules').dropColumn('site_code').execute();
    },
  };
}
