import type { Kysely } from 'kysely';
import { EXAM_CATEGORIES } from '../../../domain/catalog.js';

/**
 * English beside the rest of the Chinese a candidate or reviewer reads (issue 13): each exam
 * category (报考类别) gets an English name, and each requirement rule an English version of
 * its extra text (补充要求). An existing database gets the national default's English name
 * only where the Chinese is still the default's, so a renamed category never shows English
 * that says something else; rule texts are written by administrators, so theirs start empty
 * (the page shows the Chinese until someone writes the English).
 */
export function examCategoryEnglishMigration() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('exam_categories').addColumn('name_en', 'text').execute();
      await db.schema.alterTable('requirement_rules').addColumn('extra_text_en', 'text').execute();
      for (const c of EXAM_CATEGORIES) {
        await db.updateTable('exam_categories').set({ name_en: c.nameEn }).where('code', '=', c.code).where('name', '=', c.name).execute();
      }
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('requirement_rules').dropColumn('extra_text_en').execute();
      await db.schema.alterTable('exam_categories').dropColumn('name_en').execute();
    },
  };
}
