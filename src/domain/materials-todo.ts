/**
 * The candidate's to-do (materials.todo in shared/API.md): what is left before the file
 * can be reviewed, in the order the materials page shows it. Pure: built from the page's
 * categories, the leftover images and the reviewer's open requests.
 */
import type { ImageState } from './image-state.js';

export type TodoKind = 'missing' | 'replace' | 'requested';

export interface TodoItem {
  kind: TodoKind;
  categoryCode: string;
  imageId?: string;
  reason?: string;
}

export interface TodoImage {
  id: string;
  state: ImageState;
  reason: string | null;
}

export interface TodoCategory {
  code: string;
  required: boolean;
  minCount: number;
  images: TodoImage[];
}

export interface OpenRequest {
  categoryCode: string;
  reason: string;
}

/**
 * Per category in page order: a reviewer's request (it says more than "missing", so it
 * takes that place), else `missing` when a required category is below its minimum, then
 * one `replace` per image marked for replacement; leftover images (categories no longer
 * listed) come last. Never empty while a replace_requested image remains.
 */
export function buildTodo(categories: TodoCategory[], leftovers: Array<TodoImage & { categoryCode: string }>, requests: OpenRequest[]): TodoItem[] {
  const out: TodoItem[] = [];
  const requestBy = new Map(requests.map((r) => [r.categoryCode, r]));
  const listed = new Set<string>();
  for (const c of categories) {
    listed.add(c.code);
    const request = requestBy.get(c.code);
    if (request) out.push({ kind: 'requested', categoryCode: c.code, reason: request.reason });
    else if (c.required && c.images.length < Math.max(1, c.minCount)) out.push({ kind: 'missing', categoryCode: c.code });
    for (const i of c.images) if (i.state === 'replace_requested') out.push(replaceItem(c.code, i));
  }
  for (const i of leftovers) if (i.state === 'replace_requested') out.push(replaceItem(i.categoryCode, i));
  // A request for a category the candidate no longer sees still has to be shown somewhere.
  for (const r of requests) if (!listed.has(r.categoryCode)) out.push({ kind: 'requested', categoryCode: r.categoryCode, reason: r.reason });
  return out;
}

const replaceItem = (categoryCode: string, i: TodoImage): TodoItem => ({
  kind: 'replace',
  categoryCode,
  imageId: i.id,
  ...(i.reason ? { reason: i.reason } : {}),
});

/** Required categories only: the set a change of exam category or situation is judged by. */
export function requiredSet(categories: Array<{ code: string; requirement: string }>): string[] {
  return categories.filter((c) => c.requirement === 'required').map((c) => c.code).sort();
}

/** An import resets a passed file only when what it must contain actually changes. */
export function requiredSetChanged(before: string[], after: string[]): boolean {
  if (before.length !== after.length) return true;
  const a = [...before].sort();
  const b = [...after].sort();
  return a.some((code, i) => code !== b[i]);
}
