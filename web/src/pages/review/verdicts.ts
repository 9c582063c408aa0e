/**
 * The reviewer's per-image verdicts on the review page, as a pure reducer, and the
 * decision body built from them. Pure (no React, no DOM): unit tests drive it.
 *
 * - Every image shown has a slot; an image the candidate has not changed since an
 *   earlier review starts from its recorded state (approved → 通过, replace_requested →
 *   要求更换 with its reason); a new one starts undecided.
 * - 通过 (pass) needs every image explicitly approved; for 退回修改 / 审核拒绝 the images
 *   left undecided count as approved (only the marked ones are to be replaced).
 * - The decision names exactly the images shown (the server answers 409 STALE_IMAGES
 *   otherwise), with the same rules as the server (decisionProblemCode).
 * - Every image brought into view is remembered as seen; Shift+A (approveAll) approves only
 *   those, so no image is approved that the reviewer never looked at.
 * - The region reviewer starts with no verdicts of its own (prefill: false): the site's
 *   verdicts are shown beside each image as 考点意见, not as the region's.
 * - A saved draft (the reviewer's marks on the server) is restored on opening.
 */
import {
  decisionProblemCode,
  PRESET_REASONS,
  type DecisionInput,
  type DecisionProblemCode,
  type Outcome,
} from '../../../../src/domain/review-rules.js';
import { decisionProblemText } from '../../../../src/domain/messages/index.js';
import { incompleteRequest, requestedCategoriesBody, type Requestable, type RequestEntry } from './requests.js';

export type Verdict = 'approve' | 'replace';

export interface ImageVerdict {
  verdict: Verdict;
  /** One of PRESET_REASONS, or null when only free text is given. */
  preset: string | null;
  /** Free text added to (or, with 其他, standing for) the preset. */
  note: string;
}

export interface ShownImage {
  id: string;
  state: 'pending' | 'approved' | 'replace_requested';
  reason: string | null;
}

export interface VerdictState {
  /** Image ids in the order shown. */
  order: string[];
  /** The image in focus (index into order), -1 when there is none. */
  index: number;
  verdicts: Record<string, ImageVerdict | undefined>;
  /** Images that have been in view (the viewer) at least once. */
  seen: Record<string, true | undefined>;
}

export interface VerdictDraft {
  verdicts: Record<string, ImageVerdict>;
  seen: string[];
}

export type VerdictAction =
  | { type: 'reset'; images: ShownImage[]; draft?: VerdictDraft | null; prefill?: boolean }
  | { type: 'select'; id: string }
  | { type: 'move'; delta: number }
  | { type: 'approve'; id?: string; advance?: boolean }
  | { type: 'replace'; id?: string }
  | { type: 'preset'; preset: string; id?: string }
  | { type: 'note'; note: string; id?: string }
  | { type: 'clear'; id?: string }
  | { type: 'approveAll' };

export const OTHER_REASON = PRESET_REASONS[PRESET_REASONS.length - 1] as string;
const SEPARATOR = '，';

export const emptyVerdicts: VerdictState = { order: [], index: -1, verdicts: {}, seen: {} };

/** The reason sent for a replace: preset, preset + note, or the note alone (其他 / no preset). */
export function reasonText(v: ImageVerdict): string {
  const note = v.note.trim();
  if (!v.preset || v.preset === OTHER_REASON) return note;
  return note ? `${v.preset}${SEPARATOR}${note}` : v.preset;
}

/** Splits a stored reason back into preset and note (inverse of reasonText). */
export function parseReason(reason: string | null): { preset: string | null; note: string } {
  const r = (reason ?? '').trim();
  if (!r) return { preset: null, note: '' };
  for (const p of PRESET_REASONS) {
    if (p === OTHER_REASON) continue;
    if (r === p) return { preset: p, note: '' };
    if (r.startsWith(p + SEPARATOR)) return { preset: p, note: r.slice(p.length + SEPARATOR.length) };
  }
  return { preset: OTHER_REASON, note: r };
}

function fromState(image: ShownImage): ImageVerdict | undefined {
  if (image.state === 'approved') return { verdict: 'approve', preset: null, note: '' };
  if (image.state === 'replace_requested') return { verdict: 'replace', ...parseReason(image.reason) };
  return undefined;
}

const clamp = (i: number, n: number) => (n === 0 ? -1 : Math.max(0, Math.min(n - 1, i)));

function target(state: VerdictState, id: string | undefined): string | undefined {
  if (id !== undefined) return state.verdicts[id] !== undefined || state.order.includes(id) ? id : undefined;
  return state.index >= 0 ? state.order[state.index] : undefined;
}

function put(state: VerdictState, id: string, v: ImageVerdict | undefined): VerdictState {
  return { ...state, verdicts: { ...state.verdicts, [id]: v } };
}

/** Marks the image now in view as seen. */
function markSeen(state: VerdictState): VerdictState {
  const id = state.index >= 0 ? state.order[state.index] : undefined;
  if (id === undefined || state.seen[id]) return state;
  return { ...state, seen: { ...state.seen, [id]: true } };
}

export function verdictReducer(state: VerdictState, action: VerdictAction): VerdictState {
  return markSeen(reduce(state, action));
}

function reduce(state: VerdictState, action: VerdictAction): VerdictState {
  switch (action.type) {
    case 'reset': {
      // The saved draft (the server's copy of this reviewer's marks) first, else the work done
      // on images still shown (a reload after STALE_IMAGES), else (site level) the state
      // recorded at an earlier review.
      const order = action.images.map((i) => i.id);
      const verdicts: Record<string, ImageVerdict | undefined> = {};
      const seen: Record<string, true | undefined> = {};
      const draftSeen = new Set(action.draft?.seen ?? []);
      for (const img of action.images) {
        verdicts[img.id] = action.draft?.verdicts[img.id] ?? state.verdicts[img.id] ?? (action.prefill === false ? undefined : fromState(img));
        if (state.seen[img.id] || draftSeen.has(img.id)) seen[img.id] = true;
      }
      // Stay on the image in view; on first opening start at the first image to decide
      // (after a return, the one the candidate replaced).
      const current = state.index >= 0 ? state.order[state.index] : undefined;
      const kept = current !== undefined ? order.indexOf(current) : -1;
      const firstOpen = order.findIndex((id) => !verdicts[id]);
      return { order, index: kept >= 0 ? kept : firstOpen >= 0 ? firstOpen : clamp(0, order.length), verdicts, seen };
    }
    case 'select': {
      const i = state.order.indexOf(action.id);
      return i >= 0 ? { ...state, index: i } : state;
    }
    case 'move':
      return { ...state, index: clamp(state.index + action.delta, state.order.length) };
    case 'approve': {
      const id = target(state, action.id);
      if (!id) return state;
      const next = put(state, id, { verdict: 'approve', preset: null, note: '' });
      if (action.advance === false) return next;
      const i = state.order.indexOf(id);
      return { ...next, index: clamp(i + 1, state.order.length) };
    }
    case 'replace': {
      const id = target(state, action.id);
      if (!id) return state;
      const prev = state.verdicts[id];
      return put(state, id, { verdict: 'replace', preset: prev?.verdict === 'replace' ? prev.preset : null, note: prev?.verdict === 'replace' ? prev.note : '' });
    }
    case 'preset': {
      const id = target(state, action.id);
      if (!id) return state;
      const prev = state.verdicts[id];
      return put(state, id, { verdict: 'replace', preset: action.preset, note: prev?.verdict === 'replace' ? prev.note : '' });
    }
    case 'note': {
      const id = target(state, action.id);
      if (!id) return state;
      const prev = state.verdicts[id];
      return put(state, id, { verdict: 'replace', preset: prev?.verdict === 'replace' ? prev.preset : null, note: action.note });
    }
    case 'clear': {
      const id = target(state, action.id);
      return id ? put(state, id, undefined) : state;
    }
    case 'approveAll': {
      // Only what the reviewer has had in view: an image never shown is never approved.
      const verdicts = { ...state.verdicts };
      for (const id of state.order) if (state.seen[id]) verdicts[id] = { verdict: 'approve', preset: null, note: '' };
      return { ...state, verdicts };
    }
  }
}

export interface VerdictSummary {
  total: number;
  approved: number;
  replace: number;
  undecided: number;
}

export function summarise(state: VerdictState): VerdictSummary {
  let approved = 0;
  let replace = 0;
  for (const id of state.order) {
    const v = state.verdicts[id];
    if (v?.verdict === 'approve') approved++;
    else if (v?.verdict === 'replace') replace++;
  }
  return { total: state.order.length, approved, replace, undecided: state.order.length - approved - replace };
}

/** How many images have never been in view (Shift+A leaves them undecided). */
export function unseenCount(state: VerdictState): number {
  return state.order.filter((id) => !state.seen[id]).length;
}

/** The body of PUT …/draft: the marks so far and the images seen. */
export function draftBody(state: VerdictState): VerdictDraft {
  const verdicts: Record<string, ImageVerdict> = {};
  for (const id of state.order) {
    const v = state.verdicts[id];
    if (v) verdicts[id] = v;
  }
  return { verdicts, seen: state.order.filter((id) => state.seen[id]) };
}

/** The index of the next image without a verdict after the current one (wrapping), or -1. */
export function nextUndecided(state: VerdictState): number {
  const n = state.order.length;
  for (let k = 1; k <= n; k++) {
    const i = (Math.max(state.index, 0) + k) % n;
    if (!state.verdicts[state.order[i]!]) return i;
  }
  return -1;
}

/**
 * The body of POST …/decision, over exactly the images shown; undecided ones count as approved.
 * Requested categories (要求补充材料) go only with a return.
 */
export function decisionBody(state: VerdictState, outcome: Outcome, comment: string, requests: RequestEntry[] = []): DecisionInput {
  const trimmed = comment.trim();
  const requested = outcome === 'return' ? requestedCategoriesBody(requests) : [];
  return {
    outcome,
    ...(trimmed ? { comment: trimmed } : {}),
    images: state.order.map((id) => {
      const v = state.verdicts[id];
      if (v?.verdict === 'replace') return { id, verdict: 'replace' as const, reason: reasonText(v) };
      return { id, verdict: 'approve' as const };
    }),
    ...(requested.length > 0 ? { requestedCategories: requested } : {}),
  };
}

export type ClientProblem =
  | { kind: 'undecided'; count: number }
  | { kind: 'otherNeedsNote' }
  | { kind: 'requestNeedsCategory' }
  | { kind: 'rule'; code: DecisionProblemCode; message: string };

/**
 * Why this decision would be refused, before sending it: the server's own rules
 * (decisionProblemCode) plus what the page adds — pass only after every image was
 * looked at and approved, and 其他 needs the reviewer's words.
 */
export function clientProblem(
  state: VerdictState,
  outcome: Outcome,
  comment: string,
  missingRequired: string[],
  requests: RequestEntry[] = [],
  requestable?: Requestable,
): ClientProblem | null {
  const s = summarise(state);
  if (outcome === 'pass' && s.replace === 0 && s.undecided > 0) return { kind: 'undecided', count: s.undecided };
  for (const id of state.order) {
    const v = state.verdicts[id];
    if (v?.verdict === 'replace' && v.preset === OTHER_REASON && !v.note.trim()) return { kind: 'otherNeedsNote' };
  }
  if (outcome === 'return' && incompleteRequest(requests)) return { kind: 'requestNeedsCategory' };
  const code = decisionProblemCode(decisionBody(state, outcome, comment, requests), { missingRequired, requestable });
  return code ? { kind: 'rule', code, message: decisionProblemText(code, missingRequired) } : null;
}
