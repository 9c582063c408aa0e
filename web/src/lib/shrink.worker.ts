/// <reference lib="webworker" />
/**
 * Photo preparation off the page's thread: decode (createImageBitmap with the EXIF
 * orientation), the size/quality search on an OffscreenCanvas, the blur/dark/glare check.
 * Requests run one at a time (a 12 MP bitmap is ~48 MB; several at once would crowd a phone),
 * and the last decoded file is kept so a rotation does not decode it again.
 */
import { checkPicture } from './picture-check.js';
import { prepareProgress, type PrepareFailure, type WorkerAnswer, type WorkerRequest } from './prepare-protocol.js';
import { ShrinkError } from './shrink-core.js';
import { analysisPixels, loadSource, offscreenSurface, prepareImage, type SourceImage } from './shrink-image.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let cached: { fileId: string; source: SourceImage } | null = null;
let chain: Promise<void> = Promise.resolve();

const post = (a: WorkerAnswer) => scope.postMessage(a);

scope.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  const req = ev.data;
  if (req.type === 'release') {
    chain = chain.then(() => {
      if (cached?.fileId === req.fileId) {
        cached.source.close();
        cached = null;
      }
    });
    return;
  }
  chain = chain.then(async () => {
    try {
      post({ type: 'progress', id: req.id, fraction: prepareProgress('start') });
      let source = cached?.fileId === req.fileId ? cached.source : null;
      const fresh = !source;
      if (!source) {
        cached?.source.close();
        cached = null;
        source = await loadSource(req.file, offscreenSurface);
        cached = { fileId: req.fileId, source };
      }
      post({ type: 'progress', id: req.id, fraction: prepareProgress('decoded') });
      const prepared = await prepareImage(source, req.turns, undefined, offscreenSurface, (n) =>
        post({ type: 'progress', id: req.id, fraction: prepareProgress('encoded', n) }),
      );
      const signals = fresh || req.turns === 0 ? checkPicture(analysisPixels(source), source.width, source.height, offscreenSurface) : null;
      post({ type: 'done', id: req.id, result: { prepared, signals } });
    } catch (e) {
      const reason: PrepareFailure = e instanceof ShrinkError ? 'cannot_shrink' : 'decode';
      post({ type: 'error', id: req.id, reason });
    }
  });
};
