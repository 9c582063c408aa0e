import { describe, expect, it } from 'vitest';
import {
  DEFAULT_LIMITS,
  ShrinkError,
  applyMatrix,
  exifMatrix,
  findEncoding,
  fitWithin,
  isAcceptedType,
  needsProcessing,
  nextSide,
  normalizeTurns,
  rotatedSize,
  rotationMatrix,
  type Encoder,
} from '../../web/src/lib/shrink-core.js';

/** A JPEG-like size model: bytes grow with pixels and with quality (steeply near 1). */
function modelEncoder(bytesPerPixelAtQ1: number, log: { w: number; h: number; q: number }[] = []): Encoder<{ size: number }> {
  return async (w, h, q) => {
    log.push({ w, h, q });
    const factor = 0.15 + 0.85 * q ** 3;
    return { size: Math.round(w * h * bytesPerPixelAtQ1 * factor) };
  };
}

describe('web shrink-core: file checks', () => {
  it('accepts jpg/jpeg/png by type, or by name when the type is missing', () => {
    expect(isAcceptedType('image/jpeg', 'a.jpg')).toBe(true);
    expect(isAcceptedType('image/png', 'a.png')).toBe(true);
    expect(isAcceptedType('', 'IMG_0001.JPEG')).toBe(true);
    expect(isAcceptedType('application/octet-stream', 'scan.png')).toBe(true);
    expect(isAcceptedType('image/heic', 'IMG_0001.HEIC')).toBe(false);
    expect(isAcceptedType('image/webp', 'a.jpg')).toBe(false);
    expect(isAcceptedType('application/pdf', 'a.pdf')).toBe(false);
    expect(isAcceptedType('', 'a.gif')).toBe(false);
  });

  it('processes files over 204800 bytes or with an EXIF orientation other than 1', () => {
    expect(needsProcessing(204_800, 1)).toBe(false);
    expect(needsProcessing(204_801, 1)).toBe(true);
    expect(needsProcessing(50_000, 6)).toBe(true);
    expect(needsProcessing(50_000, 2)).toBe(true);
    expect(needsProcessing(50_000, 0)).toBe(false);
  });
});

describe('web shrink-core: geometry', () => {
  it('fits the longest side without upscaling', () => {
    expect(fitWithin(4000, 3000, 2000)).toEqual({ width: 2000, height: 1500 });
    expect(fitWithin(3000, 4000, 2000)).toEqual({ width: 1500, height: 2000 });
    expect(fitWithin(800, 600, 2000)).toEqual({ width: 800, height: 600 });
  });

  it('normalises quarter turns and swaps sizes for odd ones', () => {
    expect(normalizeTurns(-1)).toBe(3);
    expect(normalizeTurns(5)).toBe(1);
    expect(rotatedSize({ width: 4, height: 3 }, 1)).toEqual({ width: 3, height: 4 });
    expect(rotatedSize({ width: 4, height: 3 }, 2)).toEqual({ width: 4, height: 3 });
  });

  it('rotation matrices map the source rectangle onto the output exactly', () => {
    const out = { width: 30, height: 40 }; // after one quarter turn of a 40×30 source
    const m1 = rotationMatrix(1, out);
    // turning right: the source's top-left goes to the output's top-right
    expect(applyMatrix(m1, 0, 0)).toEqual([30, 0]);
    expect(applyMatrix(m1, 40, 30)).toEqual([0, 40]);
    const m3 = rotationMatrix(3, out);
    // turning left: the source's top-left goes to the output's bottom-left
    expect(applyMatrix(m3, 0, 0)).toEqual([0, 40]);
    expect(applyMatrix(m3, 40, 30)).toEqual([30, 0]);
    const m2 = rotationMatrix(2, { width: 40, height: 30 });
    expect(applyMatrix(m2, 0, 0)).toEqual([40, 30]);
  });

  it('EXIF orientation 6 turns a stored landscape into an upright portrait', () => {
    const { matrix, size } = exifMatrix(6, 4000, 3000);
    expect(size).toEqual({ width: 3000, height: 4000 });
    expect(applyMatrix(matrix, 0, 0)).toEqual([3000, 0]); // top-left → top-right (90° clockwise)
    expect(applyMatrix(matrix, 4000, 3000)).toEqual([0, 4000]);
    for (const o of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const r = exifMatrix(o, 40, 30);
      // every corner of the source lands on a corner of the output
      for (const [x, y] of [[0, 0], [40, 0], [0, 30], [40, 30]] as const) {
        const [ox, oy] = applyMatrix(r.matrix, x, y);
        expect([0, r.size.width]).toContain(ox);
        expect([0, r.size.height]).toContain(oy);
      }
    }
  });
});

describe('web shrink-core: quality search', () => {
  it('takes the best quality at full size when it already fits', async () => {
    const log: { w: number; h: number; q: number }[] = [];
    const r = await findEncoding({ width: 400, height: 300 }, modelEncoder(0.5, log));
    expect(r.quality).toBe(DEFAULT_LIMITS.maxQuality);
    expect(r.width).toBe(400);
    expect(log).toHaveLength(1);
  });

  it('bisects for the largest quality under the target at 2000 px', async () => {
    // 2000×1500 = 3 Mpx; at q=0.5 about 3e6*0.12*0.256 ≈ 92 KB, at 0.92 ≈ 260 KB
    const r = await findEncoding({ width: 4000, height: 3000 }, modelEncoder(0.12));
    expect({ w: r.width, h: r.height }).toEqual({ w: 2000, h: 1500 });
    expect(r.result.size).toBeLessThanOrEqual(DEFAULT_LIMITS.targetBytes);
    expect(r.quality).toBeGreaterThan(0.5);
    expect(r.quality).toBeLessThan(0.92);
    // a slightly higher quality would not fit any more (the search is tight)
    const above = await modelEncoder(0.12)(r.width, r.height, Math.min(0.92, r.quality + 0.03));
    expect(above.size).toBeGreaterThan(DEFAULT_LIMITS.targetBytes * 0.97);
    expect(r.attempts).toBeLessThanOrEqual(2 + DEFAULT_LIMITS.qualitySteps);
  });

  it('steps the size down by 0.85 when even quality 0.5 is too large, stopping at 1600 px and at 1000 px first', async () => {
    const log: { w: number; h: number; q: number }[] = [];
    // noisy: 1 byte per pixel at q=1 → 2000×1500 at 0.5 ≈ 750 KB; 1000×750 at 0.5 fits
    const r = await findEncoding({ width: 4000, height: 3000 }, modelEncoder(1, log));
    expect(r.result.size).toBeLessThanOrEqual(DEFAULT_LIMITS.targetBytes);
    const sides = [...new Set(log.map((l) => Math.max(l.w, l.h)))];
    expect(sides).toEqual([2000, 1700, 1600, 1360, 1156, 1000]);
    expect({ w: r.width, h: r.height }).toEqual({ w: 1000, h: 750 });
  });

  it('lands on 1600 px and on 1000 px on the way down, never steps past them, never below 400 px', () => {
    const seq: number[] = [];
    for (let s: number | null = 2000; s !== null; s = nextSide(s)) seq.push(s);
    expect(seq.slice(0, 7)).toEqual([2000, 1700, 1600, 1360, 1156, 1000, 850]);
    expect(seq.at(-1)).toBe(DEFAULT_LIMITS.floorSide);
    expect(nextSide(DEFAULT_LIMITS.floorSide)).toBeNull();
    // a photo that starts between the stops still stops at them
    expect(nextSide(1800)).toBe(1600);
    expect(nextSide(1650)).toBe(1600);
  });

  it('keeps a document photo at 1600 px with a lower quality when 1700 px does not fit even at 0.5 (the old search went to 1445 px)', async () => {
    const log: { w: number; h: number; q: number }[] = [];
    // 0.39 B/px at q=1: 1700×1275 at 0.5 ≈ 212 KiB (over 195), 1600×1200 at 0.5 ≈ 187 KiB (fits)
    const r = await findEncoding({ width: 4000, height: 3000 }, modelEncoder(0.39, log));
    expect({ w: r.width, h: r.height }).toEqual({ w: 1600, h: 1200 });
    expect(r.quality).toBeGreaterThanOrEqual(DEFAULT_LIMITS.minQuality);
    expect(r.result.size).toBeLessThanOrEqual(DEFAULT_LIMITS.targetBytes);
    expect(log.some((l) => Math.max(l.w, l.h) < 1600)).toBe(false);
  });

  it('gives up quality before pixels: a photo that fits at 2000 px only at a low quality keeps 2000 px', async () => {
    // 0.2 B/px at q=1: 2000×1500 at 0.5 ≈ 150 KiB fits, at 0.92 ≈ 475 KiB does not
    const r = await findEncoding({ width: 3000, height: 4000 }, modelEncoder(0.2));
    expect({ w: r.width, h: r.height }).toEqual({ w: 1500, h: 2000 });
    expect(r.quality).toBeLessThan(0.8);
    expect(r.quality).toBeGreaterThanOrEqual(DEFAULT_LIMITS.minQuality);
  });

  it('never takes a quality below the legibility floor, at any size', async () => {
    const log: { w: number; h: number; q: number }[] = [];
    await findEncoding({ width: 4000, height: 3000 }, modelEncoder(2, log));
    expect(Math.min(...log.map((l) => l.q))).toBe(DEFAULT_LIMITS.minQuality);
  });

  it('goes below 1000 px only when even 1000 px at quality 0.5 is too large', async () => {
    const log: { w: number; h: number; q: number }[] = [];
    const r = await findEncoding({ width: 3000, height: 4000 }, modelEncoder(2, log));
    const sides = [...new Set(log.map((l) => Math.max(l.w, l.h)))];
    expect(sides).toContain(1000);
    expect(Math.max(r.width, r.height)).toBeLessThan(1000);
    expect(r.result.size).toBeLessThanOrEqual(DEFAULT_LIMITS.targetBytes);
    expect(r.height / r.width).toBeCloseTo(4 / 3, 1);
  });

  it('never goes below 1000 px when a size at 1000 px fits', async () => {
    // at 1000×750: 0.75 Mpx × 0.5 × 0.256 ≈ 94 KB at q=0.5 → fits
    const r = await findEncoding({ width: 4000, height: 3000 }, modelEncoder(0.5));
    expect(Math.max(r.width, r.height)).toBeGreaterThanOrEqual(1000);
  });

  it('gives up with ShrinkError when nothing readable fits', async () => {
    await expect(findEncoding({ width: 4000, height: 3000 }, async () => ({ size: 10_000_000 }))).rejects.toBeInstanceOf(ShrinkError);
  });
});
