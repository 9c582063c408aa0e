import type { Kysely } from 'kysely';
import { MATERIAL_CATEGORIES } from '../../../domain/catalog.js';

/**
 * The catalog in English (issue 13): each material category gets an English name and
 * requirement text for the web client's English mode. An existing database gets the
 * national default's English only where its Chinese is still the default's, so an
 * administrator's own wording is never paired with English that says something else
 * (those stay null and the page shows the Chinese until someone writes the English).
 */
export function catalogEnglishMigration() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('material_categories').addColumn('name_en', 'text').execute();
      await db.schema.alterTable('material_categories').addColumn('requirements_en', 'text').execute();
      for (const c of MATERIAL_CATEGORIES) {
        await db.updateTable('material_categories').set({ name_en: c.nameEn }).where('code', '=', c.code).where('name', '=', c.name).execute();
        await db.updateTable('material_categories').set({ requirements_en: c.requirementsEn }).where('code', '=', c.code).where('requirements', '=', c.requirements).execute();
      }
    },
    async down(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('material_categories').dropColumn('requirements_en').execute();
      await db.schema.alterTable('material_categories').dropColumn('name_en').execute();
    },
  };
}
