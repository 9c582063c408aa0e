/**
 * The page's entry to photo preparation. Where the browser has Worker and OffscreenCanvas
 * the work runs in shrink.worker.ts and the page stays responsive; elsewhere (older Safari)
 * it runs here on the page, as before. Either way the caller gets progress and the result.
 */
import { checkPicture } from './picture-check.js';
import { prepareProgress, type PrepareFailure, type PrepareResult, type WorkerAnswer, type WorkerRequest } from './prepare-protocol.js';
import { ShrinkError } from './shrink-core.js';
import { analysisPixels, domSurface, loadSource, prepareImage, type SourceImage } from './shrink-image.js';

export type { PrepareResult } from './prepare-protocol.js';

export class PrepareError extends Error {
  constructor(readonly reason: PrepareFailure) {
    super(reason);
    this.name = 'PrepareError';
  }
}

export interface Preparer {
  /** Prepares `file` (known as fileId) turned `turns` quarter turns; onProgress gets 0..1. */
  prepare(fileId: string, file: File, turns: number, onProgress?: (fraction: number) => void): Promise<PrepareResult>;
  /** The file is done with: its decoded pixels may go. */
  release(fileId: string): void;
  /** 'worker' or 'page': where the work runs (for the bench and the tests). */
  readonly where: 'worker' | 'page';
}

export function workerSupported(): boolean {
  return typeof Worker !== 'undefined' && typeof OffscreenCanvas !== 'undefined' && typeof createImageBitmap !== 'undefined';
}

let shared: Preparer | null = null;

/** One preparer for the page (one worker, started on first use). */
export function getPreparer(): Preparer {
  shared ??= workerSupported() ? workerPreparer() : pagePreparer();
  return shared;
}

function workerPreparer(): Preparer {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: PrepareResult) => void; reject: (e: Error) => void; onProgress?: (f: number) => void }>();
  // A file the worker could not open (e.g. a decoder only <img> has) gets a second try on the page.
  const fallback = pagePreparer();

  const start = (): Worker => {
    if (worker) return worker;
    const w = new Worker(new URL('./shrink.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (ev: MessageEvent<WorkerAnswer>) => {
      const a = ev.data;
      const p = pending.get(a.id);
      if (!p) return;
      if (a.type === 'progress') {
        p.onProgress?.(a.fraction);
        return;
      }
      pending.delete(a.id);
      if (a.type === 'done') p.resolve(a.result);
      else p.reject(new PrepareError(a.reason));
    };
    // The worker itself failed (its script did not load): everything waiting goes to the page.
    w.onerror = () => {
      for (const p of pending.values()) p.reject(new PrepareError('decode'));
      pending.clear();
      w.terminate();
      worker = null;
    };
    worker = w;
    return w;
  };
  const send = (m: WorkerRequest) => start().postMessage(m);

  return {
    where: 'worker',
    async prepare(fileId, file, turns, onProgress) {
      const id = nextId++;
      try {
        return await new Promise<PrepareResult>((resolve, reject) => {
          pending.set(id, { resolve, reject, onProgress });
          send({ type: 'prepare', id, fileId, file, turns });
        });
      } catch (e) {
        if (e instanceof PrepareError && e.reason === 'cannot_shrink') throw e;
        return fallback.prepare(fileId, file, turns, onProgress);
      }
    },
    release(fileId) {
      if (worker) send({ type: 'release', fileId });
      fallback.release(fileId);
    },
  };
}

/** On the page's own thread: the old path, for browsers without OffscreenCanvas. */
export function pagePreparer(): Preparer {
  let cached: { fileId: string; source: SourceImage } | null = null;
  return {
    where: 'page',
    async prepare(fileId, file, turns, onProgress) {
      onProgress?.(prepareProgress('start'));
      try {
        let source = cached?.fileId === fileId ? cached.source : null;
        const fresh = !source;
        if (!source) {
          cached?.source.close();
          cached = null;
          source = await loadSource(file, domSurface);
          cached = { fileId, source };
        }
        onProgress?.(prepareProgress('decoded'));
        const prepared = await prepareImage(source, turns, undefined, domSurface, (n) => onProgress?.(prepareProgress('encoded', n)));
        const signals = fresh || turns === 0 ? checkPicture(analysisPixels(source), source.width, source.height, domSurface) : null;
        return { prepared, signals };
      } catch (e) {
        throw new PrepareError(e instanceof ShrinkError ? 'cannot_shrink' : 'decode');
      }
    },
    release(fileId) {
      if (cached?.fileId === fileId) {
        cached.source.close();
        cached = null;
      }
    },
  };
}
