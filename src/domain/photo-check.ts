/**
 * 报名照片检测 (附件3 Q11): the rules a registration photo must meet, the checks, and the
 * plan to fix what can be fixed. Pure — no I/O, no DOM, no Node — so the web client (which
 * decodes and re-encodes in the browser) and the server (which decodes with sharp) run the
 * very same code. Pixel-level checks take decoded RGBA data of the upright photo at any
 * scale (they look at fractions of the picture, so a downscaled copy gives the same answer).
 */
import { sniffImageFormat, type SniffedImageFormat } from './image-format.js';

export interface PhotoRules {
  /** Required size in pixels (小二寸 358×441 by default). */
  width: number;
  height: number;
  /** Largest file, in bytes; "30 KB" is 30,720 bytes, as "200 KB" is 204,800 in shared/API.md. */
  maxBytes: number;
  /** Allowed relative difference of width/height from width/height of the rule. */
  aspectTolerance: number;
  /** A plain light background: mean luma (0..255) at least minLuma, spread at most maxSpread. */
  background: { minLuma: number; maxSpread: number };
}

export const DEFAULT_PHOTO_RULES: PhotoRules = {
  width: 358,
  height: 441,
  maxBytes: 30 * 1024,
  aspectTolerance: 0.01,
  background: { minLuma: 170, maxSpread: 20 },
};

/** What a caller (page or API) may set, and within which bounds. */
export const PHOTO_RULE_LIMITS = {
  width: { min: 100, max: 2000 },
  height: { min: 100, max: 2000 },
  maxKb: { min: 10, max: 1024 },
} as const;

export interface PhotoRuleOverrides {
  width?: number | undefined;
  height?: number | undefined;
  maxKb?: number | undefined;
}

/** The default rules with the caller's size and file limit (validated by the caller against PHOTO_RULE_LIMITS). */
export function photoRulesWith(o: PhotoRuleOverrides, base: PhotoRules = DEFAULT_PHOTO_RULES): PhotoRules {
  return {
    ...base,
    width: o.width ?? base.width,
    height: o.height ?? base.height,
    maxBytes: o.maxKb !== undefined ? Math.round(o.maxKb * 1024) : base.maxBytes,
  };
}

/** Decoded pixels, 4 bytes (R, G, B, A) per pixel, row by row: ImageData or sharp's raw output. */
export interface RgbaImage {
  width: number;
  height: number;
  data: ArrayLike<number>;
}

/** What is known of the file before looking at pixels. */
export interface PhotoFacts {
  format: SniffedImageFormat;
  bytes: number;
  /** Upright size (EXIF orientation applied). */
  width: number;
  height: number;
  /** EXIF orientation stored in the file, 1 (none/upright) .. 8. */
  exifOrientation: number;
}

export type PhotoCheckId = 'format' | 'file_size' | 'dimensions' | 'aspect' | 'orientation' | 'background';
export type PhotoCheckStatus = 'pass' | 'fail' | 'warn';

export interface PhotoCheckItem {
  id: PhotoCheckId;
  status: PhotoCheckStatus;
  /** The fix of this page (crop/pad, scale, re-encode) repairs a failure of this check. */
  fixable: boolean;
  /** Why, as values for the message (see photo-check-messages.ts). */
  reason: string;
  params: Record<string, number | string>;
}

export interface BackgroundMeasure {
  /** Mean luma (BT.601) of the background samples, 0..255. */
  luma: number;
  /** Standard deviation of the luma: how plain the background is. */
  spread: number;
  /** Mean colour of the samples (used to pad with the photo's own background). */
  color: { r: number; g: number; b: number };
  samples: number;
}

export interface PhotoCheckReport {
  /** Every check passes (warnings allowed). */
  ok: boolean;
  /** Every failed check is one the fix repairs. */
  fixable: boolean;
  rules: { width: number; height: number; maxBytes: number };
  facts: PhotoFacts;
  background: BackgroundMeasure | null;
  checks: PhotoCheckItem[];
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/** Reads the facts a check needs from the bytes plus the decoder's upright size and EXIF orientation. */
export function photoFacts(bytes: Uint8Array, size: { width: number; height: number }, exifOrientation: number): PhotoFacts {
  return {
    format: sniffImageFormat(bytes.subarray(0, 4096)),
    bytes: bytes.length,
    width: size.width,
    height: size.height,
    exifOrientation: exifOrientation >= 1 && exifOrientation <= 8 ? exifOrientation : 1,
  };
}

/**
 * Samples the background of an upright portrait: a band along the top, and bands along
 * the left and right edges in the upper half (below it shoulders reach the edges).
 */
export function measureBackground(img: RgbaImage): BackgroundMeasure | null {
  const { width: w, height: h, data } = img;
  if (w < 4 || h < 4 || data.length < w * h * 4) return null;
  const topBand = Math.max(1, Math.round(h * 0.06));
  const sideBand = Math.max(1, Math.round(w * 0.08));
  const sideUntil = Math.round(h * 0.45);
  // Sample at most ~40,000 pixels whatever the size.
  const step = Math.max(1, Math.floor(Math.sqrt((w * h) / 40_000)));
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  let r = 0;
  let g = 0;
  let b = 0;
  const take = (x: number, y: number) => {
    const i = (y * w + x) * 4;
    const a = (data[i + 3] ?? 255) / 255;
    // Transparent pixels show as white wherever the photo is used.
    const pr = (data[i] ?? 0) * a + 255 * (1 - a);
    const pg = (data[i + 1] ?? 0) * a + 255 * (1 - a);
    const pb = (data[i + 2] ?? 0) * a + 255 * (1 - a);
    const y601 = 0.299 * pr + 0.587 * pg + 0.114 * pb;
    n++;
    sum += y601;
    sumSq += y601 * y601;
    r += pr;
    g += pg;
    b += pb;
  };
  for (let y = 0; y < topBand; y += step) for (let x = 0; x < w; x += step) take(x, y);
  for (let y = topBand; y < sideUntil; y += step) {
    for (let x = 0; x < sideBand; x += step) take(x, y);
    for (let x = w - sideBand; x < w; x += step) take(x, y);
  }
  if (n === 0) return null;
  const mean = sum / n;
  const spread = Math.sqrt(Math.max(0, sumSq / n - mean * mean));
  return {
    luma: round1(mean),
    spread: round1(spread),
    color: { r: Math.round(r / n), g: Math.round(g / n), b: Math.round(b / n) },
    samples: n,
  };
}

/**
 * Checks a photo against the rules. `pixels` is the upright picture at any scale (null when
 * it could not be decoded: the background is then not judged).
 */
export function checkPhoto(facts: PhotoFacts, pixels: RgbaImage | null, rules: PhotoRules = DEFAULT_PHOTO_RULES): PhotoCheckReport {
  const checks: PhotoCheckItem[] = [];
  const item = (id: PhotoCheckId, status: PhotoCheckStatus, fixable: boolean, reason: string, params: PhotoCheckItem['params'] = {}) =>
    checks.push({ id, status, fixable, reason, params });

  item('format', facts.format === 'jpeg' ? 'pass' : 'fail', true, facts.format === 'jpeg' ? 'jpeg' : 'not_jpeg', { format: facts.format });

  item('file_size', facts.bytes <= rules.maxBytes ? 'pass' : 'fail', true, facts.bytes <= rules.maxBytes ? 'within' : 'too_large', {
    bytes: facts.bytes,
    maxBytes: rules.maxBytes,
  });

  const sizeOk = facts.width === rules.width && facts.height === rules.height;
  const smaller = facts.width < rules.width || facts.height < rules.height;
  item('dimensions', sizeOk ? 'pass' : 'fail', true, sizeOk ? 'exact' : smaller ? 'too_small' : 'other', {
    width: facts.width,
    height: facts.height,
    requiredWidth: rules.width,
    requiredHeight: rules.height,
  });

  const want = rules.width / rules.height;
  const have = facts.height > 0 ? facts.width / facts.height : 0;
  const aspectOk = have > 0 && Math.abs(have / want - 1) <= rules.aspectTolerance;
  item('aspect', aspectOk ? 'pass' : 'fail', true, aspectOk ? 'match' : have > want ? 'too_wide' : 'too_tall', {
    ratio: Math.round(have * 1000) / 1000,
    requiredRatio: Math.round(want * 1000) / 1000,
  });

  if (facts.exifOrientation !== 1) {
    // Shown upright by phones and browsers, but sideways by systems that ignore the tag.
    item('orientation', 'fail', true, 'exif_rotated', { exifOrientation: facts.exifOrientation });
  } else if (facts.width > facts.height) {
    // A landscape picture: either a sideways portrait (turn it) or a wide shot (crop it).
    item('orientation', 'warn', true, 'landscape', { width: facts.width, height: facts.height });
  } else {
    item('orientation', 'pass', true, 'upright');
  }

  const bg = pixels ? measureBackground(pixels) : null;
  if (!bg) {
    item('background', 'warn', false, 'not_measured');
  } else if (bg.luma < rules.background.minLuma) {
    item('background', 'fail', false, 'too_dark', { luma: Math.round(bg.luma), minLuma: rules.background.minLuma });
  } else if (bg.spread > rules.background.maxSpread) {
    item('background', 'fail', false, 'not_plain', { spread: Math.round(bg.spread), maxSpread: rules.background.maxSpread });
  } else {
    item('background', 'pass', false, 'plain_light', { luma: Math.round(bg.luma) });
  }

  const failed = checks.filter((c) => c.status === 'fail');
  return {
    ok: failed.length === 0,
    fixable: failed.every((c) => c.fixable),
    rules: { width: rules.width, height: rules.height, maxBytes: rules.maxBytes },
    facts,
    background: bg,
    checks,
  };
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type FitMode = 'crop' | 'pad';

export interface PhotoFixPlan {
  /** Output size: the rule's width × height. */
  width: number;
  height: number;
  /** The part of the upright source to draw … */
  source: Rect;
  /** … into this part of the output (the rest is filled with the background colour when padding). */
  target: Rect;
  mode: FitMode;
  /** The drawn part is smaller than the output: it is enlarged (and may look soft). */
  upscaled: boolean;
}

/** Share of the cut taken from the top when a too-tall photo is cropped (keep the head, lose the chest). */
const TOP_SHARE = 0.25;

/**
 * How to turn an upright source of srcW × srcH into rules.width × rules.height: crop to the
 * aspect (too wide: equally from both sides; too tall: a quarter from the top, the rest
 * from the bottom) or pad it (the picture whole, centred, on its background colour); then
 * scale to the size. Within the aspect tolerance the picture is scaled whole.
 */
export function planPhotoFix(srcW: number, srcH: number, rules: PhotoRules = DEFAULT_PHOTO_RULES, mode: FitMode = 'crop'): PhotoFixPlan {
  if (!(srcW > 0 && srcH > 0)) throw new RangeError('source size must be positive');
  const W = rules.width;
  const H = rules.height;
  const want = W / H;
  const have = srcW / srcH;
  const whole: Rect = { x: 0, y: 0, width: srcW, height: srcH };
  const full: Rect = { x: 0, y: 0, width: W, height: H };
  if (Math.abs(have / want - 1) <= rules.aspectTolerance) {
    return { width: W, height: H, source: whole, target: full, mode, upscaled: srcW < W || srcH < H };
  }
  if (mode === 'crop') {
    let source: Rect;
    if (have > want) {
      const cw = Math.max(1, Math.round(srcH * want));
      source = { x: Math.floor((srcW - cw) / 2), y: 0, width: cw, height: srcH };
    } else {
      const ch = Math.max(1, Math.round(srcW / want));
      source = { x: 0, y: Math.floor((srcH - ch) * TOP_SHARE), width: srcW, height: ch };
    }
    return { width: W, height: H, source, target: full, mode, upscaled: source.width < W || source.height < H };
  }
  let target: Rect;
  if (have > want) {
    const th = Math.max(1, Math.round(W / have));
    target = { x: 0, y: Math.floor((H - th) / 2), width: W, height: th };
  } else {
    const tw = Math.max(1, Math.round(H * have));
    target = { x: Math.floor((W - tw) / 2), y: 0, width: tw, height: H };
  }
  return { width: W, height: H, source: whole, target, mode, upscaled: srcW < target.width || srcH < target.height };
}

export interface QualityChoice<R extends { size: number }> {
  result: R;
  /** JPEG quality 1..100 of the result. */
  quality: number;
  /** Encodings made. */
  attempts: number;
}

/**
 * The highest JPEG quality whose encoded file really fits maxBytes, found by bisection over
 * the integer qualities minQuality..maxQuality with the real encoder (canvas.toBlob in the
 * browser, sharp on the server). Only sizes that were measured are accepted, so the answer
 * fits even where size does not grow strictly with quality. Null when even minQuality is too big.
 */
export async function findBestJpegQuality<R extends { size: number }>(
  encode: (quality: number) => Promise<R>,
  maxBytes: number,
  { minQuality = 10, maxQuality = 100 }: { minQuality?: number; maxQuality?: number } = {},
): Promise<QualityChoice<R> | null> {
  let attempts = 0;
  const run = async (q: number) => {
    attempts++;
    return encode(q);
  };
  const top = await run(maxQuality);
  if (top.size <= maxBytes) return { result: top, quality: maxQuality, attempts };
  const bottom = await run(minQuality);
  if (bottom.size > maxBytes) return null;
  let lo = minQuality; // fits
  let loResult = bottom;
  let hi = maxQuality; // too big
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const r = await run(mid);
    if (r.size <= maxBytes) {
      lo = mid;
      loResult = r;
    } else {
      hi = mid;
    }
  }
  return { result: loResult, quality: lo, attempts };
}
