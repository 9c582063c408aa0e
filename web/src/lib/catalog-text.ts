/**
 * The catalog's words as the page shows them. Pure (no React, no DOM): unit-tested.
 */
import type { Lang } from '../i18n/messages.js';
import type { MaterialCategory, Materials } from '../api/types.js';

/**
 * The materials with each category's name and requirement text in the UI language: the
 * catalog's English (nameEn, requirementsEn) in English mode where an administrator wrote it,
 * else the Chinese, which is always there.
 */
export function materialsInLanguage(materials: Materials, lang: Lang): Materials {
  if (lang !== 'en') return materials;
  return {
    ...materials,
    categories: materials.categories.map((c) => ({ ...c, name: c.nameEn || c.name, requirements: c.requirementsEn || c.requirements })),
  };
}

/**
 * A catalog name (an exam category, 报考类别) in the UI language: its English in English mode
 * where an administrator wrote one, else the Chinese, which is always there.
 */
export function nameInLanguage(named: { name: string; nameEn?: string | null | undefined }, lang: Lang): string {
  return lang === 'en' && named.nameEn ? named.nameEn : named.name;
}

/**
 * A review file in the UI language: its materials as materialsInLanguage gives them, and the
 * names of the required categories still empty (the server's Chinese names) in the same words,
 * so the page matches them to the categories as before.
 */
export function reviewFileInLanguage<F extends { materials: Materials; missingRequired: string[] }>(file: F, lang: Lang): F {
  if (lang !== 'en') return file;
  const english = new Map(file.materials.categories.map((c) => [c.name, c.nameEn || c.name]));
  return { ...file, materials: materialsInLanguage(file.materials, lang), missingRequired: file.missingRequired.map((n) => english.get(n) ?? n) };
}

/** Sentences: up to and including 。, a full stop followed by a space or the end, or a line break. */
function sentences(text: string): string[] {
  return (text.match(/[^。\n]*?(?:。|\.(?=\s|$)|\n|$)/g) ?? []).map((s) => s.trim()).filter(Boolean);
}

/**
 * The requirement sentences every category repeats (format, size, upright and clear), said
 * once for the page, and each category's text without them. Only when at least three
 * categories share them; otherwise nothing is shared and every text stays whole.
 */
export function sharedRequirement(categories: Pick<MaterialCategory, 'code' | 'requirements'>[]): { shared: string; own: Map<string, string> } {
  const whole = { shared: '', own: new Map(categories.map((c) => [c.code, c.requirements])) };
  const texts = categories.map((c) => c.requirements).filter(Boolean);
  if (texts.length < 3) return whole;
  const [first, ...rest] = texts.map(sentences);
  const common = first!.filter((s) => s.length >= 8 && rest.every((r) => r.includes(s)));
  if (common.length === 0) return whole;
  const own = new Map(
    categories.map((c) => {
      const left = sentences(c.requirements).filter((s) => !common.includes(s));
      // A text that was only the shared sentences keeps them, so the card never says nothing.
      return [c.code, left.length > 0 ? left.join(/[。]/.test(c.requirements) ? '' : ' ') : c.requirements];
    }),
  );
  return { shared: common.join(' '), own };
}
