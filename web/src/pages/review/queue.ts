/**
 * The reviewer's queue filters (kept in the console's URL, so a reload or the back
 * button keeps them), the query string of GET /api/v1/review/registrations, and which
 * candidate "下一位" opens. Pure, apart from the two small sessionStorage helpers.
 */
export const STATUS_TABS = ['pending', 'incomplete', 'draft', 'returned', 'site_approved', 'approved', 'rejected', 'all'] as const;
/** Tabs only reviewers have: their level's queue and its 材料不齐 part. */
export const REVIEWER_TABS: ReadonlySet<string> = new Set(['pending', 'incomplete']);
export type StatusTab = (typeof STATUS_TABS)[number];

export interface QueueFilters {
  status: StatusTab;
  examCategory?: string;
  site?: string;
  complete?: 'true' | 'false';
  changed?: 'true' | 'false';
  claimed?: 'true' | 'false';
  q?: string;
}

const BOOL = new Set(['true', 'false']);
const FIELDS = ['examCategory', 'site', 'complete', 'changed', 'claimed', 'q'] as const;

/** Reads filters from a URL query; `reviewer` decides the default tab (pending for reviewers, all for admins). */
export function filtersFromSearch(search: URLSearchParams, reviewer: boolean): QueueFilters {
  const s = search.get('status');
  const status: StatusTab = s && (STATUS_TABS as readonly string[]).includes(s) && (reviewer || !REVIEWER_TABS.has(s)) ? (s as StatusTab) : reviewer ? 'pending' : 'all';
  const f: QueueFilters = { status };
  const ec = search.get('examCategory');
  if (ec) f.examCategory = ec.slice(0, 16);
  const site = search.get('site');
  if (site) f.site = site.slice(0, 16);
  for (const k of ['complete', 'changed', 'claimed'] as const) {
    const v = search.get(k);
    if (v && BOOL.has(v)) f[k] = v as 'true' | 'false';
  }
  const q = search.get('q')?.trim();
  if (q) f.q = q.slice(0, 64);
  return f;
}

/** The console URL query for these filters (the default tab is left out). */
export function filtersToSearch(f: QueueFilters, reviewer: boolean): URLSearchParams {
  const p = new URLSearchParams();
  if (f.status !== (reviewer ? 'pending' : 'all')) p.set('status', f.status);
  for (const k of FIELDS) {
    const v = f[k];
    if (v) p.set(k, v);
  }
  return p;
}

/** The API query for one page of the queue. */
export function queueQuery(f: QueueFilters, opts: { cursor?: string | null; limit?: number } = {}): string {
  const p = new URLSearchParams();
  p.set('status', f.status);
  for (const k of FIELDS) {
    const v = f[k];
    if (v) p.set(k, v);
  }
  if (opts.cursor) p.set('cursor', opts.cursor);
  if (opts.limit) p.set('limit', String(opts.limit));
  return p.toString();
}

export interface QueueEntry {
  registrationNo: string;
  claimed: boolean;
  claimedByMe: boolean;
}

/**
 * The candidate "下一位" opens: the first (oldest waiting) in the reviewer's current
 * filter that is not the one open now, not already opened in this sitting, and not
 * being reviewed by someone else.
 */
export function pickNext(items: QueueEntry[], current: string | null, visited: ReadonlySet<string>): string | null {
  for (const i of items) {
    if (i.registrationNo === current || visited.has(i.registrationNo)) continue;
    if (i.claimed && !i.claimedByMe) continue;
    return i.registrationNo;
  }
  return null;
}

/**
 * The query "下一位" asks: the same filter, never an incomplete file (材料不齐: the candidate
 * is still uploading, or it is opened on purpose from its list); for the pending queue
 * only free candidates.
 */
export function nextQuery(f: QueueFilters, cursor: string | null): string {
  const forNext: QueueFilters = { ...f, status: f.status === 'incomplete' ? 'pending' : f.status, complete: 'true' };
  if (forNext.status === 'pending') forNext.claimed = 'false';
  return queueQuery(forNext, { cursor, limit: 50 });
}

const FILTER_KEY = 'review.filters';
const VISITED_KEY = 'review.visited';

/** The filters of the console the reviewer came from (for 下一位 and 返回队列). */
export function saveFilters(f: QueueFilters): void {
  try {
    sessionStorage.setItem(FILTER_KEY, JSON.stringify(f));
  } catch {
    /* storage blocked */
  }
}
export function loadFilters(reviewer: boolean): QueueFilters {
  try {
    const raw = sessionStorage.getItem(FILTER_KEY);
    if (raw) {
      const v = JSON.parse(raw) as Record<string, unknown>;
      const p = new URLSearchParams();
      for (const [k, val] of Object.entries(v)) if (typeof val === 'string') p.set(k, val);
      return filtersFromSearch(p, reviewer);
    }
  } catch {
    /* fall through */
  }
  return filtersFromSearch(new URLSearchParams(), reviewer);
}

/** Candidates opened in this sitting (so 下一位 moves on rather than back). */
export function visitedSet(): Set<string> {
  try {
    const raw = sessionStorage.getItem(VISITED_KEY);
    const v: unknown = raw ? JSON.parse(raw) : [];
    return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}
export function markVisited(registrationNo: string): void {
  const s = visitedSet();
  s.delete(registrationNo);
  s.add(registrationNo);
  const list = [...s].slice(-500);
  try {
    sessionStorage.setItem(VISITED_KEY, JSON.stringify(list));
  } catch {
    /* storage blocked */
  }
}
/** A fresh sitting starts when the reviewer opens the console. */
export function clearVisited(): void {
  try {
    sessionStorage.removeItem(VISITED_KEY);
  } catch {
    /* storage blocked */
  }
}
