/**
 * The messages between the page and the photo-preparation worker (shrink.worker.ts), and
 * the progress estimate both sides share.
 */
import type { QualitySignals } from '../../../src/domain/image-signals.js';
import type { PreparedImage } from './shrink-image.js';

export interface PrepareRequest {
  type: 'prepare';
  /** One id per request (answers carry it). */
  id: number;
  /** One id per chosen file: a rotation of the same file reuses its decoded pixels. */
  fileId: string;
  file: File;
  turns: number;
}

export interface ReleaseRequest {
  type: 'release';
  fileId: string;
}

export type WorkerRequest = PrepareRequest | ReleaseRequest;

/** What a preparation hands back: the upload-ready file, the check's signals, the upright size. */
export interface PrepareResult {
  prepared: PreparedImage;
  signals: QualitySignals | null;
}

export type WorkerAnswer =
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'done'; id: number; result: PrepareResult }
  | { type: 'error'; id: number; reason: PrepareFailure };

/** cannot_shrink: even the smallest readable size is over 200 KB; decode: not an image we can open. */
export type PrepareFailure = 'cannot_shrink' | 'decode';

/**
 * The share of the work done: decoding is about a third of it, then each JPEG attempt of the
 * size/quality search (usually 2 to 8 of them) moves the bar on. Never 1 before the end.
 */
export function prepareProgress(stage: 'start' | 'decoded' | 'encoded', attempts = 0): number {
  if (stage === 'start') return 0.05;
  if (stage === 'decoded') return 0.3;
  return Math.min(0.95, 0.3 + (0.65 * attempts) / 8);
}
