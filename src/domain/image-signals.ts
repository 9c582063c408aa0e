/**
 * Machine signals on a picture, for the candidate (warn before a reviewer has to) and the
 * reviewer (flags, duplicates): blur, darkness, glare, and a 64-bit perceptual hash.
 *
 * Pure functions over a small greyscale buffer, shared by the server (pixels the upload
 * pipeline decodes, made small by sharp) and the browser (canvas pixels before upload).
 * Thresholds were calibrated on the generated corpus of bench/signals/calibrate.ts; the
 * figures are in docs/SIGNALS.md.
 */

/** A greyscale picture, one byte per pixel, row by row. */
export interface GreyImage {
  data: Uint8Array;
  width: number;
  height: number;
}

export interface QualitySignals {
  blurry: boolean;
  dark: boolean;
  glare: boolean;
}

export interface QualityMetrics {
  /** Energy of the 4-neighbour Laplacian over energy of the gradient (~1/edge width², contrast-free). */
  sharpness: number;
  /** Variance of the Laplacian itself (grey levels²). */
  laplacianVariance: number;
  /** Mean grey level, 0–255. */
  mean: number;
  /** 99th percentile of the grey level: even the brightest part is dim when this is low. */
  p99: number;
  /** Share of the picture in the largest compact clipped (≥ CLIP_LEVEL) patch, 0–1. */
  hotspot: number;
  /** Share of all pixels at or above CLIP_LEVEL, 0–1. */
  clipped: number;
  /** 1st percentile of the grey level: high when nothing in the picture is dark (ink washed out). */
  p1: number;
}

/** The longest side the quality measures work at: blur is judged at this scale on every device. */
export const ANALYSIS_SIDE = 640;
/** Grey level counted as clipped (blown out). */
export const CLIP_LEVEL = 250;

export const SIGNAL_THRESHOLDS = Object.freeze({
  /** blurry when sharpness is below this (see docs/SIGNALS.md for the corpus and the rates). */
  sharpness: 1.4,
  /** dark when the mean grey is below this… */
  darkMean: 70,
  /** …and the brightest 1 % stays below this (a night shot of a white page is still dark). */
  darkP99: 150,
  /** glare when one compact clipped patch covers at least this share of the picture… */
  hotspotMin: 0.012,
  /** washed out (also reported as glare) when this share is clipped… */
  washedClipped: 0.3,
  /** …and the mean grey is above this (the whole picture is pale)… */
  washedMean: 210,
  /** …and even the darkest 1 % is lighter than this: the ink is gone (a clean scan keeps black text). */
  washedP1: 70,
});

/** Luma (BT.601) of interleaved pixels (3 = RGB, 4 = RGBA as from a canvas, 1 = grey). */
export function toGrey(pixels: ArrayLike<number>, width: number, height: number, channels: 1 | 3 | 4): GreyImage {
  const n = width * height;
  const data = new Uint8Array(n);
  if (channels === 1) {
    for (let i = 0; i < n; i++) data[i] = pixels[i]!;
    return { data, width, height };
  }
  for (let i = 0, o = 0; i < n; i++, o += channels) {
    data[i] = (pixels[o]! * 299 + pixels[o + 1]! * 587 + pixels[o + 2]! * 114 + 500) / 1000;
  }
  return { data, width, height };
}

/** Area-average downscale so the longest side is at most maxSide (never enlarges). */
export function downscaleGrey(img: GreyImage, maxSide: number): GreyImage {
  const scale = Math.min(1, maxSide / Math.max(img.width, img.height));
  const width = Math.max(1, Math.round(img.width * scale));
  const height = Math.max(1, Math.round(img.height * scale));
  if (width === img.width && height === img.height) return img;
  return resizeArea(img, width, height);
}

/** Area-average resize to exactly width × height (box filter over the source cells). */
export function resizeArea(img: GreyImage, width: number, height: number): GreyImage {
  const out = new Uint8Array(width * height);
  const sx = img.width / width;
  const sy = img.height / height;
  for (let y = 0; y < height; y++) {
    const y0 = Math.floor(y * sy);
    const y1 = Math.max(y0 + 1, Math.floor((y + 1) * sy));
    for (let x = 0; x < width; x++) {
      const x0 = Math.floor(x * sx);
      const x1 = Math.max(x0 + 1, Math.floor((x + 1) * sx));
      let sum = 0;
      for (let yy = y0; yy < y1; yy++) {
        const row = yy * img.width;
        for (let xx = x0; xx < x1; xx++) sum += img.data[row + xx]!;
      }
      out[y * width + x] = Math.round(sum / ((y1 - y0) * (x1 - x0)));
    }
  }
  return { data: out, width, height };
}

function percentile(hist: Uint32Array, total: number, p: number): number {
  const target = total * p;
  let acc = 0;
  for (let v = 0; v < hist.length; v++) {
    acc += hist[v]!;
    if (acc >= target) return v;
  }
  return hist.length - 1;
}

/**
 * The largest blown-out patch that looks like a reflection: 16×16 px cells whose mean is at
 * least HOTSPOT_CELL_MEAN (everything in them, ink included, is washed out), connected, round
 * rather than a strip (bounding box at least half filled, sides within 1:3), and not reaching
 * the picture's edge. Blown-out paper between lines of text keeps the ink in its cells' means;
 * a white margin is a strip; a white background runs to the edge.
 */
const HOTSPOT_CELL = 16;
const HOTSPOT_CELL_MEAN = 247;
function largestInnerHotspot(img: GreyImage): number {
  const cell = HOTSPOT_CELL;
  const cw = Math.floor(img.width / cell);
  const ch = Math.floor(img.height / cell);
  if (cw < 3 || ch < 3) return 0;
  const clipped = new Uint8Array(cw * ch);
  for (let cy = 0; cy < ch; cy++) {
    for (let cx = 0; cx < cw; cx++) {
      let sum = 0;
      for (let y = cy * cell; y < (cy + 1) * cell; y++) {
        const row = y * img.width;
        for (let x = cx * cell; x < (cx + 1) * cell; x++) sum += img.data[row + x]!;
      }
      clipped[cy * cw + cx] = sum >= HOTSPOT_CELL_MEAN * cell * cell ? 1 : 0;
    }
  }
  const seen = new Uint8Array(cw * ch);
  const stack: number[] = [];
  let best = 0;
  for (let start = 0; start < clipped.length; start++) {
    if (!clipped[start] || seen[start]) continue;
    let size = 0;
    let touchesEdge = false;
    let minX = cw;
    let maxX = 0;
    let minY = ch;
    let maxY = 0;
    seen[start] = 1;
    stack.push(start);
    while (stack.length) {
      const i = stack.pop()!;
      size++;
      const x = i % cw;
      const y = (i - x) / cw;
      if (x === 0 || y === 0 || x === cw - 1 || y === ch - 1) touchesEdge = true;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      const next = [x > 0 ? i - 1 : -1, x < cw - 1 ? i + 1 : -1, y > 0 ? i - cw : -1, y < ch - 1 ? i + cw : -1];
      for (const j of next) {
        if (j >= 0 && clipped[j] && !seen[j]) {
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
    const bw = maxX - minX + 1;
    const bh = maxY - minY + 1;
    const round = size >= 0.5 * bw * bh && Math.max(bw, bh) <= 3 * Math.min(bw, bh);
    if (!touchesEdge && round && size > best) best = size;
  }
  return best / (cw * ch);
}

/**
 * The gradient magnitude |(gx, gy)| / 2 for every gx² + gy² of 8-bit neighbours (≤ 2 · 255²),
 * as stored (float32) and as histogram bucket (rounded, capped at 361): a table read instead of
 * a square root and a rounding per pixel (~3× faster on the upload path), same values.
 */
let gradientLut: { half: Float32Array; bucket: Uint16Array } | undefined;
function gradientTables(): { half: Float32Array; bucket: Uint16Array } {
  if (!gradientLut) {
    const size = 2 * 255 * 255 + 1;
    const half = new Float32Array(size);
    const bucket = new Uint16Array(size);
    for (let s = 0; s < size; s++) {
      const g = Math.sqrt(s) / 2;
      half[s] = g;
      bucket[s] = Math.min(361, Math.round(g));
    }
    gradientLut = { half, bucket };
  }
  return gradientLut;
}

/** The measures the signals are read from; `img` should already be at ANALYSIS_SIDE. */
export function measureQuality(img: GreyImage): QualityMetrics {
  const { data, width, height } = img;
  const n = width * height;
  const hist = new Uint32Array(256);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = data[i]!;
    hist[v]!++;
    sum += v;
  }
  const mean = sum / n;

  // Blur: energy of the Laplacian over energy of the gradient, on the pixels near edges. At an
  // edge blurred to width σ the gradient falls like 1/σ and the Laplacian like 1/σ², so the
  // ratio goes ~1/σ² whatever the contrast (dark shots) or the amount of text on the page.
  // Only pixels whose gradient stands out (≥ 1/4 of the strongest edges) count: sensor grain
  // has a large Laplacian of its own and would make a blurred photo look sharp.
  const gradients = new Float32Array(n);
  const gradHist = new Uint32Array(362);
  const lut = gradientTables();
  for (let y = 1; y < height - 1; y++) {
    const row = y * width;
    for (let x = 1; x < width - 1; x++) {
      const i = row + x;
      const gx = data[i + 1]! - data[i - 1]!;
      const gy = data[i + width]! - data[i - width]!;
      const s = gx * gx + gy * gy;
      gradients[i] = lut.half[s]!;
      gradHist[lut.bucket[s]!]!++;
    }
  }
  const inner = Math.max(0, (width - 2) * (height - 2));
  const gate = Math.max(4, percentile(gradHist, inner, 0.995) / 4);
  let lapEnergy = 0;
  let gradEnergy = 0;
  let lSum = 0;
  let lSumSq = 0;
  let count = 0;
  let edgePixels = 0;
  for (let y = 1; y < height - 1; y++) {
    const row = y * width;
    for (let x = 1; x < width - 1; x++) {
      const i = row + x;
      const lap = data[i - 1]! + data[i + 1]! + data[i - width]! + data[i + width]! - 4 * data[i]!;
      lSum += lap;
      lSumSq += lap * lap;
      count++;
      const g = gradients[i]!;
      if (g < gate) continue;
      lapEnergy += lap * lap;
      gradEnergy += g * g;
      edgePixels++;
    }
  }
  const lMean = count ? lSum / count : 0;
  const laplacianVariance = count ? Math.max(0, lSumSq / count - lMean * lMean) : 0;
  let clippedCount = 0;
  for (let v = CLIP_LEVEL; v < 256; v++) clippedCount += hist[v]!;
  return {
    // A blank picture has no edge to judge: not called blurry.
    sharpness: edgePixels >= n * 0.001 ? lapEnergy / (gradEnergy + 1) : Infinity,
    laplacianVariance,
    mean,
    p99: percentile(hist, n, 0.99),
    p1: percentile(hist, n, 0.01),
    hotspot: largestInnerHotspot(img),
    clipped: clippedCount / n,
  };
}

/** The three flags from the measures. None of them blocks an upload: they warn. */
export function qualitySignals(m: QualityMetrics, t = SIGNAL_THRESHOLDS): QualitySignals {
  const dark = m.mean < t.darkMean && m.p99 < t.darkP99;
  const washedOut = m.clipped >= t.washedClipped && m.mean >= t.washedMean && m.p1 >= t.washedP1;
  return {
    // On a dark or washed-out shot the edges drown in JPEG noise, so blur is not judged there:
    // the light is what the candidate must fix first, and one warning says so.
    blurry: m.sharpness < t.sharpness && !dark && !washedOut,
    dark,
    glare: m.hotspot >= t.hotspotMin || washedOut,
  };
}

// --- perceptual hash ----------------------------------------------------------------------

const DCT_N = 32;
/** cos((2x+1)uπ/2N) for the 8 lowest frequencies, computed once. */
const COS = (() => {
  const t = new Float64Array(8 * DCT_N);
  for (let u = 0; u < 8; u++) for (let x = 0; x < DCT_N; x++) t[u * DCT_N + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * DCT_N));
  return t;
})();

/**
 * 64-bit DCT hash (pHash): the picture at 32×32, the 8×8 lowest frequencies of its DCT, one
 * bit per coefficient above their median (DC left out of the median). A re-encoded, resized or
 * lightly re-watermarked copy lands within a few bits; different pictures ~32 bits apart.
 * Returned as 16 lowercase hex digits.
 */
export function perceptualHash(img: GreyImage): string {
  const small = resizeArea(img, DCT_N, DCT_N).data;
  // A flat picture (blank or blown-out page, black frame) has no structure to hash: its
  // coefficients are rounding noise, the same for every such picture. It gets the degenerate
  // hash, which the duplicate lookup skips (isDegenerateHash).
  let lo = 255;
  let hi = 0;
  for (const v of small) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (hi - lo <= FLAT_RANGE) return DEGENERATE_HASH;
  // Rows first (32×8), then columns (8×8).
  const rows = new Float64Array(DCT_N * 8);
  for (let y = 0; y < DCT_N; y++) {
    for (let u = 0; u < 8; u++) {
      let s = 0;
      for (let x = 0; x < DCT_N; x++) s += small[y * DCT_N + x]! * COS[u * DCT_N + x]!;
      rows[y * 8 + u] = s;
    }
  }
  const coeffs = new Float64Array(64);
  for (let v = 0; v < 8; v++) {
    for (let u = 0; u < 8; u++) {
      let s = 0;
      for (let y = 0; y < DCT_N; y++) s += rows[y * 8 + u]! * COS[v * DCT_N + y]!;
      coeffs[v * 8 + u] = s;
    }
  }
  const sorted = Array.from(coeffs.subarray(1)).sort((a, b) => a - b);
  const median = (sorted[31]! + sorted[32]!) / 2;
  let hex = '';
  for (let nibble = 0; nibble < 16; nibble++) {
    let d = 0;
    for (let b = 0; b < 4; b++) d = (d << 1) | (coeffs[nibble * 4 + b]! > median ? 1 : 0);
    hex += d.toString(16);
  }
  return hex;
}

/** The four 16-bit bands of a hash (multi-index hashing: two hashes within 3 bits share a band). */
export function hashBands(hex: string): [number, number, number, number] {
  if (!/^[0-9a-f]{16}$/.test(hex)) throw new Error(`not a 64-bit hex hash: ${hex}`);
  return [0, 4, 8, 12].map((o) => Number.parseInt(hex.slice(o, o + 4), 16)) as [number, number, number, number];
}

const POPCOUNT4 = [0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4];

/** Number of differing bits between two 16-hex-digit hashes. */
export function hammingDistance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 16; i++) d += POPCOUNT4[Number.parseInt(a[i]!, 16) ^ Number.parseInt(b[i]!, 16)]!;
  return d;
}

/**
 * The hash as a signed 64-bit integer in decimal (stored as int8 / SQLite INTEGER: 8 bytes in
 * every index entry instead of 16 characters). Decimal text binds on both drivers and lands as
 * an integer in both columns; bits 63…0 are the hex digits left to right.
 */
export function hashToInt64(hex: string): string {
  hashBands(hex);
  return BigInt.asIntN(64, BigInt(`0x${hex}`)).toString();
}

/** Back from the two 32-bit halves a query reads (`hash >> 32`, `hash & 0xffffffff`): 16 hex digits. */
export function hashFromHalves(hi: number, lo: number): string {
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

/** Bits set in a 32-bit integer. */
export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

/**
 * A hash that identifies no picture: perceptualHash sets one bit per coefficient above the
 * median, so any picture with structure has ~32 of 64 bits set; far fewer means most
 * coefficients tie, i.e. a flat picture (a blank or blown-out page, a black frame). All such
 * pictures hash alike, so they would match each other falsely and pile into one hot band
 * bucket: perceptualHash gives a flat picture DEGENERATE_HASH, and such hashes are stored but
 * never looked up or indexed for lookup.
 */
export const DEGENERATE_HASH_MAX_BITS = 20;
export const DEGENERATE_HASH = '0000000000000000';
/** Grey levels between the darkest and brightest of the 32×32 copy at or below which a picture is flat. */
const FLAT_RANGE = 2;
export function isDegenerateHash(hex: string): boolean {
  const [b0, b1, b2, b3] = hashBands(hex);
  return popcount32((b0 << 16) | b1) + popcount32((b2 << 16) | b3) <= DEGENERATE_HASH_MAX_BITS;
}

/**
 * Two pictures are the same when their hashes differ in at most this many bits. At most 3
 * keeps the band lookup exact (4 bands, pigeonhole: one band equal); the corpus in
 * docs/SIGNALS.md puts re-encoded, resized and re-watermarked copies at 0–2 bits.
 */
export const DUPLICATE_MAX_DISTANCE = 3;

export interface PictureAnalysis {
  signals: QualitySignals;
  metrics: QualityMetrics;
  /** 16 hex digits. */
  hash: string;
}

/** Everything from one greyscale picture (any size; scaled to ANALYSIS_SIDE here). */
export function analyseGrey(img: GreyImage): PictureAnalysis {
  const small = downscaleGrey(img, ANALYSIS_SIDE);
  const metrics = measureQuality(small);
  return { signals: qualitySignals(metrics), metrics, hash: perceptualHash(small) };
}
