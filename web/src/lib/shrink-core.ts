/**
 * The pure part of the in-browser image fix-up: when a file needs work, what size to draw
 * it at, how to rotate it, and which JPEG quality to pick. The encoder is injected, so
 * the search runs the same in the browser (canvas.toBlob) and in unit tests (a model).
 */

export interface ShrinkLimits {
  /** The server's limit: 200 KB = 204,800 bytes. */
  maxBytes: number;
  /** What the search aims under (a little headroom below maxBytes). */
  targetBytes: number;
  /** Longest side of the first attempt, in px. */
  maxSide: number;
  /**
   * A document's small print stays legible down to here (~135 dpi across A4's 297 mm): the
   * search lowers the quality as far as minQuality before shrinking below it, and lands on
   * it exactly rather than stepping past it.
   */
  legibleSide: number;
  /** Below legibleSide, stepping down stops here too; it goes below only when even that is too big. */
  minSide: number;
  /** Never go below this: the image would be unreadable. */
  floorSide: number;
  minQuality: number;
  maxQuality: number;
  /** Factor applied to the longest side when even minQuality is too big. */
  scaleStep: number;
  /** Bisection steps between minQuality and maxQuality. */
  qualitySteps: number;
}

export const DEFAULT_LIMITS: ShrinkLimits = {
  maxBytes: 204_800,
  targetBytes: 195 * 1024,
  maxSide: 2000,
  legibleSide: 1600,
  minSide: 1000,
  floorSide: 400,
  // The legibility floor: Chromium's JPEG at 0.5 still renders ~12 px print crisply enough for
  // OCR (docs/IMAGE-PIPELINE.md); less smears strokes into the 8×8 blocks.
  minQuality: 0.5,
  maxQuality: 0.92,
  scaleStep: 0.85,
  qualitySteps: 6,
};

export const ACCEPTED_TYPES = ['image/jpeg', 'image/png'] as const;
const ACCEPTED_EXT = /\.(jpe?g|png)$/i;

/** jpg/jpeg/png by the file's type, or by its name when the browser gives no type. */
export function isAcceptedType(type: string, name: string): boolean {
  const t = type.toLowerCase();
  if (t === 'image/jpeg' || t === 'image/jpg' || t === 'image/pjpeg' || t === 'image/png') return true;
  if (t === '' || t === 'application/octet-stream') return ACCEPTED_EXT.test(name);
  return false;
}

/** Must the browser re-encode the file before upload? */
export function needsProcessing(bytes: number, orientation: number, limits: ShrinkLimits = DEFAULT_LIMITS): boolean {
  return bytes > limits.maxBytes || (orientation >= 2 && orientation <= 8);
}

/** Orientations 5..8 swap width and height. */
export function swapsAxes(orientation: number): boolean {
  return orientation >= 5 && orientation <= 8;
}

export interface Size {
  width: number;
  height: number;
}

/** Scales (never up) so the longest side is at most maxSide. */
export function fitWithin(width: number, height: number, maxSide: number): Size {
  const longest = Math.max(width, height);
  if (longest <= maxSide) return { width, height };
  const k = maxSide / longest;
  return { width: Math.max(1, Math.round(width * k)), height: Math.max(1, Math.round(height * k)) };
}

/** Normalises any number of quarter turns (clockwise positive) to 0..3. */
export function normalizeTurns(turns: number): 0 | 1 | 2 | 3 {
  return (((Math.round(turns) % 4) + 4) % 4) as 0 | 1 | 2 | 3;
}

export function rotatedSize(size: Size, turns: number): Size {
  return normalizeTurns(turns) % 2 === 1 ? { width: size.height, height: size.width } : size;
}

/** A 2D affine transform as canvas setTransform(a, b, c, d, e, f) takes it. */
export type Matrix = [number, number, number, number, number, number];

/**
 * The transform that draws an image of the unrotated size into an output of size `out`
 * turned `turns` quarter turns clockwise. Draw the source at (0, 0, w, h) after applying it,
 * where (w, h) is `out` swapped back for odd turns.
 */
export function rotationMatrix(turns: number, out: Size): Matrix {
  switch (normalizeTurns(turns)) {
    case 1:
      return [0, 1, -1, 0, out.width, 0];
    case 2:
      return [-1, 0, 0, -1, out.width, out.height];
    case 3:
      return [0, -1, 1, 0, 0, out.height];
    default:
      return [1, 0, 0, 1, 0, 0];
  }
}

/**
 * The transform that turns a stored JPEG of size (w, h) upright for an EXIF orientation,
 * for browsers that do not apply it themselves. Returns the upright size too.
 */
export function exifMatrix(orientation: number, w: number, h: number): { matrix: Matrix; size: Size } {
  switch (orientation) {
    case 2:
      return { matrix: [-1, 0, 0, 1, w, 0], size: { width: w, height: h } };
    case 3:
      return { matrix: [-1, 0, 0, -1, w, h], size: { width: w, height: h } };
    case 4:
      return { matrix: [1, 0, 0, -1, 0, h], size: { width: w, height: h } };
    case 5:
      return { matrix: [0, 1, 1, 0, 0, 0], size: { width: h, height: w } };
    case 6:
      return { matrix: [0, 1, -1, 0, h, 0], size: { width: h, height: w } };
    case 7:
      return { matrix: [0, -1, -1, 0, h, w], size: { width: h, height: w } };
    case 8:
      return { matrix: [0, -1, 1, 0, 0, w], size: { width: h, height: w } };
    default:
      return { matrix: [1, 0, 0, 1, 0, 0], size: { width: w, height: h } };
  }
}

/** Applies a matrix to a point (for tests and sanity checks). */
export function applyMatrix(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

export interface Encoded {
  size: number;
}

/** Encodes the (already rotated) image at width × height with a JPEG quality in 0..1. */
export type Encoder<R extends Encoded> = (width: number, height: number, quality: number) => Promise<R>;

export interface EncodingChoice<R extends Encoded> {
  result: R;
  width: number;
  height: number;
  quality: number;
  /** How many times the encoder ran. */
  attempts: number;
}

export class ShrinkError extends Error {
  constructor(readonly reason: 'cannot_shrink') {
    super(reason);
    this.name = 'ShrinkError';
  }
}

const round2 = (q: number) => Math.round(q * 100) / 100;

/**
 * The next longest side to try after `longest` did not fit even at minQuality: scaleStep
 * smaller, but landing exactly on legibleSide and then on minSide before going below either
 * (2000 → 1700 → 1600 → 1360 → 1156 → 1000 → 850 …), never below floorSide. Null when
 * `longest` is already at the floor.
 */
export function nextSide(longest: number, limits: ShrinkLimits = DEFAULT_LIMITS): number | null {
  if (longest <= limits.floorSide) return null;
  let next = Math.floor(longest * limits.scaleStep);
  for (const stop of [limits.legibleSide, limits.minSide]) {
    if (longest > stop && next < stop) {
      next = stop;
      break;
    }
  }
  return Math.max(next, limits.floorSide);
}

/**
 * Finds the largest JPEG (biggest size first, then best quality) that fits targetBytes:
 * quality is given up before pixels. Start with the longest side at maxSide; at each size,
 * if maxQuality fits take it, if even minQuality (the legibility floor) is too big shrink
 * the size (nextSide: it stops at legibleSide and minSide on the way down), otherwise
 * bisect the quality for the largest fitting one. A document photo thus keeps ≥ 1600 px on
 * its long side whenever 1600 px at the floor quality fits 200 KB.
 */
export async function findEncoding<R extends Encoded>(
  source: Size,
  encode: Encoder<R>,
  limits: ShrinkLimits = DEFAULT_LIMITS,
): Promise<EncodingChoice<R>> {
  let { width, height } = fitWithin(source.width, source.height, limits.maxSide);
  let attempts = 0;
  const run = async (q: number) => {
    attempts++;
    return encode(width, height, q);
  };
  for (;;) {
    const best = await run(limits.maxQuality);
    if (best.size <= limits.targetBytes) {
      return { result: best, width, height, quality: limits.maxQuality, attempts };
    }
    const low = await run(limits.minQuality);
    if (low.size <= limits.targetBytes) {
      let fit = low;
      let fitQ = limits.minQuality;
      let lo = limits.minQuality;
      let hi = limits.maxQuality;
      for (let i = 0; i < limits.qualitySteps; i++) {
        const q = round2((lo + hi) / 2);
        if (q <= lo || q >= hi) break;
        const r = await run(q);
        if (r.size <= limits.targetBytes) {
          fit = r;
          fitQ = q;
          lo = q;
        } else {
          hi = q;
        }
      }
      return { result: fit, width, height, quality: fitQ, attempts };
    }
    const next = nextSide(Math.max(width, height), limits);
    if (next === null) throw new ShrinkError('cannot_shrink');
    ({ width, height } = fitWithin(width, height, next));
  }
}
