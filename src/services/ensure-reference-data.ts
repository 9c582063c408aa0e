import type { Deps } from './deps.js';
import { DEFAULT_RULES, EXAM_CATEGORIES, MATERIAL_CATEGORIES } from '../domain/catalog.js';

/** Loads the national default catalog into a new database; leaves an existing one alone. */
export async function ensureReferenceData(deps: Pick<Deps, 'store'>): Promise<void> {
  await deps.store.transaction((tx) =>
    tx.catalog.seedIfEmpty({
      examCategories: EXAM_CATEGORIES,
      // Each material starts with its built-in example drawing (assets/examples/<code>.png).
      materialCategories: MATERIAL_CATEGORIES.map((c) => ({ ...c, exampleImage: `${c.code}.png` })),
      rules: DEFAULT_RULES,
    }),
  );
}
