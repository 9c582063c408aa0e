/**
 * The browser half of 报名照片检测: decode the chosen photo (EXIF orientation applied), hand
 * its RGBA pixels to the shared checks (src/domain/photo-check.ts, the same code the server
 * runs), and fix it on a canvas: crop or pad to the aspect, scale to the size in steps, then
 * the highest JPEG quality whose real encoded file fits the limit (bisection over canvas
 * encodes). The fixed file is decoded and checked again before it is offered. Nothing leaves
 * the browser.
 */
import {
  checkPhoto,
  findBestJpegQuality,
  measureBackground,
  planPhotoFix,
  type FitMode,
  type PhotoCheckReport,
  type PhotoRules,
  type RgbaImage,
} from '../../../../src/domain/photo-check.js';
import { sniffImageFormat } from '../../../../src/domain/image-format.js';
import { loadSource, type SourceImage } from '../../lib/shrink-image';
import { normalizeTurns, rotatedSize, rotationMatrix } from '../../lib/shrink-core';

/** Longest side of the copy the pixel checks look at (the server uses the same). */
const SAMPLE_SIDE = 480;

export interface CheckedPhoto {
  source: SourceImage;
  report: PhotoCheckReport;
}

export interface FixedPhoto {
  blob: Blob;
  fileName: string;
  width: number;
  height: number;
  /** JPEG quality 1..100 the search settled on. */
  quality: number;
  /** Encodings the search made. */
  attempts: number;
  mode: FitMode;
  upscaled: boolean;
  /** The fixed file, checked again from its own bytes. */
  report: PhotoCheckReport;
}

export class PhotoToolError extends Error {
  constructor(readonly reason: 'decode' | 'cannot_fit') {
    super(reason);
    this.name = 'PhotoToolError';
  }
}

function canvas(width: number, height: number): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  return c;
}

function context(c: HTMLCanvasElement): CanvasRenderingContext2D {
  const ctx = c.getContext('2d', { willReadFrequently: false });
  if (!ctx) throw new PhotoToolError('decode');
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  return ctx;
}

function release(c: HTMLCanvasElement) {
  c.width = 0;
  c.height = 0;
}

/** The upright source turned by the user's quarter turns, as a canvas (or the source itself). */
function turned(source: SourceImage, turns: number): { image: CanvasImageSource; width: number; height: number; done: () => void } {
  const t = normalizeTurns(turns);
  const out = rotatedSize({ width: source.width, height: source.height }, t);
  if (t === 0) return { image: source.pixels, ...out, done: () => {} };
  const c = canvas(out.width, out.height);
  const ctx = context(c);
  ctx.setTransform(...rotationMatrix(t, out));
  ctx.drawImage(source.pixels, 0, 0, source.width, source.height);
  return { image: c, ...out, done: () => release(c) };
}

/** A copy at most SAMPLE_SIDE px, as RGBA (on white, as the photo shows anywhere). */
function sample(image: CanvasImageSource, width: number, height: number): RgbaImage {
  const k = Math.min(1, SAMPLE_SIDE / Math.max(width, height));
  const w = Math.max(1, Math.round(width * k));
  const h = Math.max(1, Math.round(height * k));
  const c = canvas(w, h);
  try {
    const ctx = context(c);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, w, h);
    ctx.drawImage(image, 0, 0, w, h);
    const data = ctx.getImageData(0, 0, w, h);
    return { width: w, height: h, data: data.data };
  } finally {
    release(c);
  }
}

async function head(blob: Blob): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(0, 4096).arrayBuffer());
}

/** Decodes and checks a chosen file. Keep `source` to fix it; close() it when done. */
export async function checkFile(file: File, rules: PhotoRules): Promise<CheckedPhoto> {
  let source: SourceImage;
  try {
    source = await loadSource(file);
  } catch {
    throw new PhotoToolError('decode');
  }
  const report = checkPhoto(
    { format: sniffImageFormat(await head(file)), bytes: file.size, width: source.width, height: source.height, exifOrientation: source.orientation },
    sample(source.pixels, source.width, source.height),
    rules,
  );
  return { source, report };
}

/** Draws `src` (a part of `image`) into w × h, halving first while it is more than twice too big (sharper than one big step). */
function drawScaled(ctx: CanvasRenderingContext2D, image: CanvasImageSource, src: { x: number; y: number; width: number; height: number }, dst: { x: number; y: number; width: number; height: number }) {
  let current: CanvasImageSource = image;
  let rect = { ...src };
  const temps: HTMLCanvasElement[] = [];
  while (rect.width / 2 >= dst.width && rect.height / 2 >= dst.height) {
    const w = Math.round(rect.width / 2);
    const h = Math.round(rect.height / 2);
    const c = canvas(w, h);
    context(c).drawImage(current, rect.x, rect.y, rect.width, rect.height, 0, 0, w, h);
    temps.push(c);
    current = c;
    rect = { x: 0, y: 0, width: w, height: h };
  }
  ctx.drawImage(current, rect.x, rect.y, rect.width, rect.height, dst.x, dst.y, dst.width, dst.height);
  temps.forEach(release);
}

function toJpeg(c: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    c.toBlob((b) => (b ? resolve(b) : reject(new PhotoToolError('cannot_fit'))), 'image/jpeg', quality / 100);
  });
}

async function decodeBlob(blob: Blob): Promise<{ image: ImageBitmap; close: () => void }> {
  const image = await createImageBitmap(blob);
  return { image, close: () => image.close() };
}

function fixedName(original: string, rules: PhotoRules): string {
  const base = original.replace(/\.[^.]*$/, '').replace(/[\\/:*?"<>|]+/g, '_') || 'photo';
  return `${base}-${rules.width}x${rules.height}.jpg`;
}

/**
 * Makes the photo fit the rules: turned by `turns`, cropped or padded (with the photo's own
 * background colour) to the aspect, scaled to the size, JPEG at the best quality that fits.
 */
export async function fixPhoto(source: SourceImage, fileName: string, rules: PhotoRules, opts: { turns: number; mode: FitMode }): Promise<FixedPhoto> {
  const up = turned(source, opts.turns);
  const out = canvas(rules.width, rules.height);
  try {
    const plan = planPhotoFix(up.width, up.height, rules, opts.mode);
    const ctx = context(out);
    const bg = measureBackground(sample(up.image, up.width, up.height));
    ctx.fillStyle = opts.mode === 'pad' && bg ? `rgb(${bg.color.r}, ${bg.color.g}, ${bg.color.b})` : '#ffffff';
    ctx.fillRect(0, 0, rules.width, rules.height);
    drawScaled(ctx, up.image, plan.source, plan.target);

    const choice = await findBestJpegQuality(async (q) => {
      const blob = await toJpeg(out, q);
      return { blob, size: blob.size };
    }, rules.maxBytes);
    if (!choice) throw new PhotoToolError('cannot_fit');
    const blob = choice.result.blob;

    // Check the file itself, as the registration system will see it.
    const decoded = await decodeBlob(blob);
    let report: PhotoCheckReport;
    try {
      report = checkPhoto(
        { format: sniffImageFormat(await head(blob)), bytes: blob.size, width: decoded.image.width, height: decoded.image.height, exifOrientation: 1 },
        sample(decoded.image, decoded.image.width, decoded.image.height),
        rules,
      );
    } finally {
      decoded.close();
    }
    return {
      blob,
      fileName: fixedName(fileName, rules),
      width: rules.width,
      height: rules.height,
      quality: choice.quality,
      attempts: choice.attempts,
      mode: opts.mode,
      upscaled: plan.upscaled,
      report,
    };
  } finally {
    release(out);
    up.done();
  }
}
