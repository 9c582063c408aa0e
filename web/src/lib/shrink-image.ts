/**
 * Fixes a chosen photo before upload, so candidates never meet "over 200 KB" or "rotated":
 * decode with the EXIF orientation applied, scale and pick the JPEG quality that fits
 * 200 KB (shrink-core.ts chooses), draw on white. The user may rotate by quarter turns; each
 * rotation re-encodes from the decoded original, never from a re-compressed copy.
 *
 * The same code runs in the preparation worker (shrink.worker.ts, OffscreenCanvas) and, where
 * a browser has no OffscreenCanvas, on the page itself (HTMLCanvasElement): the canvas comes
 * from a Surface.
 */
import { readJpegInfo, isJpeg, isPng, type JpegInfo } from './exif.js';
import {
  DEFAULT_LIMITS,
  exifMatrix,
  findEncoding,
  fitWithin,
  needsProcessing,
  normalizeTurns,
  rotatedSize,
  rotationMatrix,
  swapsAxes,
  type ShrinkLimits,
  type Size,
} from './shrink-core.js';

type AnyCanvas = HTMLCanvasElement | OffscreenCanvas;
type AnyContext = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** Where pixels are drawn and encoded: OffscreenCanvas in the worker, a <canvas> on the page. */
export interface Surface {
  canvas(width: number, height: number): AnyCanvas;
  context(canvas: AnyCanvas, opts?: CanvasRenderingContext2DSettings): AnyContext | null;
  jpeg(canvas: AnyCanvas, quality: number): Promise<Blob>;
}

export const offscreenSurface: Surface = {
  canvas: (w, h) => new OffscreenCanvas(w, h),
  context: (c, opts) => (c as OffscreenCanvas).getContext('2d', opts),
  jpeg: (c, quality) => (c as OffscreenCanvas).convertToBlob({ type: 'image/jpeg', quality }),
};

export const domSurface: Surface = {
  canvas: (w, h) => {
    const c = document.createElement('canvas');
    c.width = w;
    c.height = h;
    return c;
  },
  context: (c, opts) => (c as HTMLCanvasElement).getContext('2d', opts),
  jpeg: (c, quality) =>
    new Promise((resolve, reject) => {
      (c as HTMLCanvasElement).toBlob((b) => (b ? resolve(b) : reject(new Error('encode failed'))), 'image/jpeg', quality);
    }),
};

export interface SourceImage {
  file: File;
  /** Upright size (EXIF orientation applied). */
  width: number;
  height: number;
  /** EXIF orientation found in the file (1 when none). */
  orientation: number;
  format: 'jpeg' | 'png' | 'other';
  /** The upright pixels. */
  pixels: CanvasImageSource;
  /**
   * The upright pixels scaled once to the first size the search tries (kept for rotations):
   * every attempt then draws from ~2000 px instead of 12 MP, which is most of the time a
   * phone spent on a photo.
   */
  scaled?: { width: number; height: number; pixels: ImageBitmap };
  close(): void;
}

/** What the quality check looks at: the scaled copy when there is one (it only needs ~640 px). */
export function analysisPixels(source: SourceImage): CanvasImageSource {
  return source.scaled?.pixels ?? source.pixels;
}

export interface PreparedImage {
  blob: Blob;
  fileName: string;
  width: number;
  height: number;
  originalBytes: number;
  /** Re-encoded in the browser (else the chosen file goes up untouched). */
  processed: boolean;
  /** The EXIF orientation was not 1 and has been applied. */
  orientationFixed: boolean;
  /** A PNG turned into JPEG. */
  converted: boolean;
  /** Scaled down from the upright original. */
  resized: boolean;
  /** User rotation, quarter turns clockwise (0..3). */
  turns: 0 | 1 | 2 | 3;
  quality?: number;
}

const HEAD_BYTES = 256 * 1024;

/** Decodes the file with its EXIF orientation applied. Throws when it cannot be decoded. */
export async function loadSource(file: File, surface: Surface = domSurface): Promise<SourceImage> {
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  const format = isJpeg(head) ? 'jpeg' : isPng(head) ? 'png' : 'other';
  const info: JpegInfo = format === 'jpeg' ? readJpegInfo(head) : { orientation: 1 };

  let pixels: ImageBitmap | HTMLImageElement;
  let close = () => {};
  try {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    pixels = bitmap;
    close = () => bitmap.close();
  } catch (e) {
    // <img> exists only on the page; the worker reports the failure and the page retries there.
    if (typeof Image === 'undefined') throw e;
    const img = await decodeWithImg(file);
    pixels = img;
    close = () => URL.revokeObjectURL(img.src);
  }
  let width = pixels.width;
  let height = pixels.height;
  let upright: CanvasImageSource = pixels;

  // A browser that ignored the EXIF orientation hands back the stored size; turn it ourselves.
  const stored = info.width && info.height ? { w: info.width, h: info.height } : null;
  if (
    stored &&
    swapsAxes(info.orientation) &&
    stored.w !== stored.h &&
    width === stored.w &&
    height === stored.h
  ) {
    const { matrix, size } = exifMatrix(info.orientation, width, height);
    const canvas = surface.canvas(size.width, size.height);
    const ctx = surface.context(canvas);
    if (ctx) {
      ctx.setTransform(...matrix);
      ctx.drawImage(pixels, 0, 0);
      close();
      close = () => {
        canvas.width = 0;
        canvas.height = 0;
      };
      upright = canvas;
      width = size.width;
      height = size.height;
    }
  }
  const loaded: SourceImage = {
    file,
    width,
    height,
    orientation: info.orientation,
    format,
    pixels: upright,
    close: () => {
      loaded.scaled?.pixels.close();
      loaded.scaled = undefined;
      close();
    },
  };
  return loaded;
}

/**
 * The source scaled to fit `side` (never up), made once with the browser's high-quality
 * resampler; the source itself when it is that small already or the browser cannot.
 */
async function scaledSource(source: SourceImage, side: number): Promise<{ pixels: CanvasImageSource; width: number; height: number }> {
  const fit = fitWithin(source.width, source.height, side);
  if (fit.width >= source.width) return source;
  if (source.scaled && source.scaled.width === fit.width && source.scaled.height === fit.height) return source.scaled;
  try {
    const bitmap = await createImageBitmap(source.pixels as ImageBitmapSource, { resizeWidth: fit.width, resizeHeight: fit.height, resizeQuality: 'high' });
    source.scaled?.pixels.close();
    source.scaled = { width: fit.width, height: fit.height, pixels: bitmap };
    return source.scaled;
  } catch {
    return source; // <img> sources in old browsers: draw from the original as before
  }
}

function decodeWithImg(file: File): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => {
      URL.revokeObjectURL(img.src);
      reject(new Error('decode failed'));
    };
    img.src = URL.createObjectURL(file);
  });
}

function jpegName(name: string): string {
  const base = name.replace(/\.[^.]*$/, '') || 'image';
  return `${base}.jpg`;
}

/**
 * Prepares the file for upload with `turns` extra quarter turns. A file within 200 KB,
 * upright by EXIF and not rotated goes up as it is; anything else is re-encoded.
 * onEncode is told after each JPEG attempt (for the progress bar).
 */
export async function prepareImage(
  source: SourceImage,
  turns: number,
  limits: ShrinkLimits = DEFAULT_LIMITS,
  surface: Surface = domSurface,
  onEncode?: (attempts: number) => void,
): Promise<PreparedImage> {
  const t = normalizeTurns(turns);
  const file = source.file;
  const base = {
    originalBytes: file.size,
    orientationFixed: source.orientation >= 2 && source.orientation <= 8,
    turns: t,
  };
  if (t === 0 && source.format !== 'other' && !needsProcessing(file.size, source.orientation, limits)) {
    return {
      ...base,
      blob: file,
      fileName: file.name,
      width: source.width,
      height: source.height,
      processed: false,
      orientationFixed: false,
      converted: false,
      resized: false,
    };
  }

  const upright: Size = { width: source.width, height: source.height };
  const out = rotatedSize(upright, t);
  // Every size the search tries is at most the first one: scale to that once.
  const from = await scaledSource(source, limits.maxSide);
  const canvas = surface.canvas(1, 1);
  let drawn: Size | null = null;
  let attempts = 0;
  const encode = async (width: number, height: number, quality: number) => {
    if (!drawn || drawn.width !== width || drawn.height !== height) {
      canvas.width = width;
      canvas.height = height;
      const ctx = surface.context(canvas);
      if (!ctx) throw new Error('no canvas');
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, width, height);
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = 'high';
      ctx.setTransform(...rotationMatrix(t, { width, height }));
      const unrotated = rotatedSize({ width, height }, t);
      ctx.drawImage(from.pixels, 0, 0, unrotated.width, unrotated.height);
      drawn = { width, height };
    }
    const blob = await surface.jpeg(canvas, quality);
    onEncode?.(++attempts);
    return { blob, size: blob.size };
  };
  try {
    const choice = await findEncoding(out, encode, limits);
    return {
      ...base,
      blob: choice.result.blob,
      fileName: jpegName(file.name),
      width: choice.width,
      height: choice.height,
      processed: true,
      converted: source.format !== 'jpeg',
      resized: choice.width !== out.width || choice.height !== out.height,
      quality: choice.quality,
    };
  } finally {
    canvas.width = 0;
    canvas.height = 0;
  }
}
