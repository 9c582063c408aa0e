/**
 * The upload pipeline's quality checks, run in the browser on the chosen photo before it goes
 * up (the same pure functions as the server: src/domain/image-signals.ts), on a copy drawn at
 * the analysis size (~640 px, a few ms). Warn only: the upload is never blocked.
 */
import { analyseGrey, ANALYSIS_SIDE, toGrey, type QualitySignals } from '../../../src/domain/image-signals.js';
import { domSurface, type Surface } from './shrink-image.js';

/** `surface`: OffscreenCanvas in the preparation worker, a <canvas> on the page. */
export function checkPicture(pixels: CanvasImageSource, width: number, height: number, surface: Surface = domSurface): QualitySignals | null {
  const scale = Math.min(1, ANALYSIS_SIDE / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const canvas = surface.canvas(w, h);
  const ctx = surface.context(canvas, { willReadFrequently: true });
  if (!ctx) return null;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, w, h);
  ctx.drawImage(pixels, 0, 0, w, h);
  try {
    const { data } = ctx.getImageData(0, 0, w, h);
    return analyseGrey(toGrey(data, w, h, 4)).signals;
  } catch {
    return null; // a tainted or unreadable canvas: the server checks after upload anyway
  }
}
