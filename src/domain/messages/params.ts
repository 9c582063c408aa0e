/**
 * Readers of the structured parameters some messages take, shared by both catalogues so the
 * languages agree on what a parameter means.
 */
import type { Params, Template } from './template.js';

/** The words of a DECISION_INVALID's `problem`, or undefined for a problem the catalogue does not know. */
export function decisionText(decisions: Readonly<Record<string, Template>>, p: Params): string | undefined {
  const template = typeof p.problem === 'string' ? decisions[`decision.${p.problem}`] : undefined;
  return template?.(p);
}

/** The categories a return asks the candidate to add: `[{name, reason}]`. */
export function requestedOf(v: unknown): Array<{ name: string; reason: string }> {
  if (!Array.isArray(v)) return [];
  return v.map((r: { name?: unknown; reason?: unknown }) => ({ name: String(r?.name ?? ''), reason: String(r?.reason ?? '') }));
}

export type ChangedPart = 'examCategory' | 'situations' | 'place';

/** The changed registration fields (examCategory, situations, region, site) as the parts a candidate is told about, in a fixed order. */
export function changedPartsOf(v: unknown): ChangedPart[] {
  const changed = Array.isArray(v) ? v.map(String) : [];
  const parts: ChangedPart[] = [];
  if (changed.includes('examCategory')) parts.push('examCategory');
  if (changed.includes('situations')) parts.push('situations');
  if (changed.includes('region') || changed.includes('site')) parts.push('place');
  return parts;
}
