/** The review calls of the web client, over the shared HTTP client (cookie, CSRF, language). */
import { currentLang, request } from '../../api/client';
import { reviewFileInLanguage } from '../../lib/catalog-text';
import type { AnswerOf, Registration } from '../../api/types';
import type { reviewContracts } from '../../../../src/contracts/review.js';

type Answer<K extends keyof typeof reviewContracts> = AnswerOf<(typeof reviewContracts)[K]>;
import type { DecisionRequest, DraftRequest, FilterOptions, PhoneOutcome, QueueCounts, QueuePage, ReviewFile, Statistics } from './types';

const reg = (no: string) => `/api/v1/review/registrations/${encodeURIComponent(no)}`;

export const reviewApi = {
  queue(query: string, signal?: AbortSignal): Promise<QueuePage> {
    return request<QueuePage>('GET', `/api/v1/review/registrations?${query}`, { retry: true, signal });
  },
  counts(): Promise<QueueCounts> {
    return request<QueueCounts>('GET', '/api/v1/review/counts', { retry: true });
  },
  filterOptions(): Promise<FilterOptions> {
    return request<FilterOptions>('GET', '/api/v1/review/filter-options', { retry: true });
  },
  file(no: string, signal?: AbortSignal): Promise<ReviewFile> {
    return request<ReviewFile>('GET', reg(no), { retry: true, signal }).then((f) => reviewFileInLanguage(f, currentLang()));
  },
  /** Takes the lease, or renews it when already held (15 minutes from now). */
  claim(no: string): Promise<Answer<'claim'>> {
    return request<Answer<'claim'>>('POST', `${reg(no)}/claim`);
  },
  /** Saves the per-image marks so far (bound to the claim; survives a reload or another device). */
  saveDraft(no: string, draft: DraftRequest): Promise<Answer<'draft'>> {
    return request<Answer<'draft'>>('PUT', `${reg(no)}/draft`, { json: draft });
  },
  /** The full phone number, to place a call (recorded as phone.revealed). */
  revealPhone(no: string): Promise<Answer<'phone'>> {
    return request<Answer<'phone'>>('POST', `${reg(no)}/phone`);
  },
  /** 提醒: an incomplete file's candidate gets an in-app message and an SMS (once a day). */
  remind(no: string): Promise<Answer<'remind'>> {
    return request<Answer<'remind'>>('POST', `${reg(no)}/remind`);
  },
  /** Gives the lease back; with leaseExpiresAt, only that lease (not one a reload took since). */
  release(no: string, leaseExpiresAt?: string): Promise<void> {
    return request<void>('POST', `${reg(no)}/release`, { json: leaseExpiresAt ? { leaseExpiresAt } : {} });
  },
  decide(no: string, body: DecisionRequest): Promise<Registration> {
    return request<Registration>('POST', `${reg(no)}/decision`, { json: body });
  },
  phoneCall(no: string, outcome: PhoneOutcome, note: string): Promise<void> {
    return request<void>('POST', `${reg(no)}/calls`, { json: note.trim() ? { outcome, note: note.trim() } : { outcome } });
  },
  reopen(no: string, reason: string): Promise<Registration> {
    return request<Registration>('POST', `${reg(no)}/reopen`, { json: { reason } });
  },
  statistics(): Promise<Statistics> {
    return request<Statistics>('GET', '/api/v1/review/statistics', { retry: true });
  },
  exportUrl(status: string): string {
    return `/api/v1/review/export.xlsx${status && status !== 'all' ? `?status=${encodeURIComponent(status)}` : ''}`;
  },
};

/**
 * Gives the lease back while the page is going away (tab closed, reload): a keepalive
 * fetch outlives the page and carries the CSRF header; where keepalive is missing,
 * navigator.sendBeacon, which cannot set headers, so the token also travels in the body
 * (the release route alone accepts it there; see docs/REVIEW.md).
 */
export function releaseOnUnload(no: string, csrfToken: string | null, leaseExpiresAt?: string): void {
  const url = `${reg(no)}/release`;
  const body = JSON.stringify({ csrfToken: csrfToken ?? '', ...(leaseExpiresAt ? { leaseExpiresAt } : {}) });
  try {
    void fetch(url, {
      method: 'POST',
      keepalive: true,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}) },
      body,
    }).catch(() => undefined);
  } catch {
    try {
      navigator.sendBeacon(url, new Blob([body], { type: 'text/plain;charset=UTF-8' }));
    } catch {
      /* the lease ends by itself after 15 minutes */
    }
  }
}
