/**
 * The upload dialog's rows: one per chosen file, from preparing to uploaded. A pure reducer
 * (unit-tested) so the dialog only dispatches; no React, no DOM, no timers here.
 */
import type { QualitySignals } from '../../../../src/domain/image-signals.js';
import type { PreparedImage } from '../../lib/shrink-image.js';

export type RowStatus =
  | 'preparing'
  /** Prepared, waiting for 上传. */
  | 'ready'
  | 'sending'
  /** 503 OVERLOADED: waiting the server's Retry-After (排队中). */
  | 'queued'
  /** The browser is offline; the upload resumes by itself. */
  | 'offline'
  /** A dropped connection or a stall: retrying after a backoff. */
  | 'retrying'
  | 'done'
  /** Upload failed; the prepared photo (and its key) is kept for another try unless blocked. */
  | 'failed'
  /** The photo could not be prepared. */
  | 'unusable';

export interface Row {
  id: string;
  file: File;
  status: RowStatus;
  /** 0..1 of the current step (preparation, then the bytes sent). */
  progress: number;
  prepared: PreparedImage | null;
  signals: QualitySignals | null;
  /** Idempotency-Key of the prepared bytes: a new one for every new preparation, kept across retries. */
  key: string;
  error: string | null;
  /** The server refused in a way another try cannot change (category full, locked, closed). */
  blocked: boolean;
}

export type QueueAction =
  /** A new choice of files: these rows only. */
  | { type: 'reset'; rows: { id: string; file: File }[] }
  | { type: 'add'; rows: { id: string; file: File }[] }
  | { type: 'prepare-start'; id: string }
  | { type: 'prepare-progress'; id: string; progress: number }
  | { type: 'prepared'; id: string; prepared: PreparedImage; signals: QualitySignals | null; key: string }
  | { type: 'unusable'; id: string; error: string }
  | { type: 'send'; id: string }
  | { type: 'phase'; id: string; phase: 'sending' | 'queued' | 'offline' | 'retrying' }
  | { type: 'send-progress'; id: string; progress: number }
  | { type: 'uploaded'; id: string }
  | { type: 'failed'; id: string; error: string; blocked: boolean }
  /** 取消 of an upload in flight: back to ready, same bytes, same key. */
  | { type: 'cancelled'; id: string; note: string }
  | { type: 'remove'; id: string };

const IN_FLIGHT: ReadonlySet<RowStatus> = new Set(['sending', 'queued', 'offline', 'retrying']);

export function isInFlight(row: Row): boolean {
  return IN_FLIGHT.has(row.status);
}

/** A row 上传 would send now: prepared and not in flight, done, or blocked. */
export function canSend(row: Row): boolean {
  return !!row.prepared && (row.status === 'ready' || (row.status === 'failed' && !row.blocked));
}

/** Prepared photos that would be lost if the dialog went away now (Back asks first). */
export function unsentCount(rows: readonly Row[]): number {
  return rows.filter((r) => r.prepared && r.status !== 'done' && !r.blocked).length;
}

/** Every row is uploaded, or there is nothing left that could be: the dialog may close. */
export function allSettled(rows: readonly Row[]): boolean {
  return rows.length > 0 && rows.every((r) => r.status === 'done');
}

export function queueReducer(rows: Row[], action: QueueAction): Row[] {
  if (action.type === 'add' || action.type === 'reset') {
    return [
      ...(action.type === 'add' ? rows : []),
      ...action.rows.map((r): Row => ({ id: r.id, file: r.file, status: 'preparing', progress: 0, prepared: null, signals: null, key: '', error: null, blocked: false })),
    ];
  }
  if (action.type === 'remove') return rows.filter((r) => r.id !== action.id || isInFlight(r));
  return rows.map((r) => (r.id === action.id ? step(r, action) : r));
}

function step(r: Row, a: Exclude<QueueAction, { type: 'add' } | { type: 'reset' } | { type: 'remove' }>): Row {
  switch (a.type) {
    case 'prepare-start':
      // A rotation while uploading would change bytes under the key in use: not allowed.
      return isInFlight(r) || r.status === 'done' ? r : { ...r, status: 'preparing', progress: 0, error: null };
    case 'prepare-progress':
      return r.status === 'preparing' ? { ...r, progress: Math.max(r.progress, a.progress) } : r;
    case 'prepared':
      return r.status === 'preparing' ? { ...r, status: 'ready', progress: 0, prepared: a.prepared, signals: a.signals ?? r.signals, key: a.key, error: null, blocked: false } : r;
    case 'unusable':
      return r.status === 'preparing' ? { ...r, status: r.prepared ? 'ready' : 'unusable', progress: 0, error: a.error } : r;
    case 'send':
      return canSend(r) ? { ...r, status: 'sending', progress: 0, error: null } : r;
    case 'phase':
      return isInFlight(r) ? { ...r, status: a.phase } : r;
    case 'send-progress':
      return isInFlight(r) ? { ...r, progress: a.progress } : r;
    case 'uploaded':
      return isInFlight(r) ? { ...r, status: 'done', progress: 1, error: null } : r;
    case 'failed':
      return isInFlight(r) ? { ...r, status: 'failed', progress: 0, error: a.error, blocked: a.blocked } : r;
    case 'cancelled':
      return isInFlight(r) ? { ...r, status: 'ready', progress: 0, error: a.note } : r;
  }
}
