/**
 * The pure signal functions (src/domain/image-signals.ts) on generated pictures: a blurred,
 * dark, glaring or washed-out photo is flagged and the sharp, normally lit one is not; the
 * perceptual hash survives resizing and re-encoding and tells different pictures apart; the
 * band split finds every pair within DUPLICATE_MAX_DISTANCE bits.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  analyseGrey, DEGENERATE_HASH, DUPLICATE_MAX_DISTANCE, hammingDistance, hashBands, hashFromHalves, hashToInt64, isDegenerateHash, perceptualHash,
  popcount32, resizeArea, toGrey, type GreyImage,
} from '../../src/domain/image-signals.js';
import { renderVariant, type SignalVariant } from '../fixtures/make-signal-corpus.js';
import { prng } from '../support/prng.js';

/** A generated photo, as JPEG bytes decoded back to RGB pixels, as the browser or the server sees it. */
async function photo(v: Partial<SignalVariant> & { seed: number }): Promise<GreyImage> {
  const jpeg = await renderVariant({ subject: 'document', focus: 'sharp', exposure: 'normal', glare: false, width: 800, height: 600, ...v });
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  return toGrey(data, info.width, info.height, info.channels as 3);
}

describe('quality signals', () => {
  it('a sharp, normally lit document and card raise no flag', async () => {
    for (const subject of ['document', 'card'] as const) {
      expect(analyseGrey(await photo({ subject, seed: 11 })).signals).toEqual({ blurry: false, dark: false, glare: false });
    }
  });

  it('a slightly soft or dim photo is still fine (no warning the candidate cannot act on)', async () => {
    expect(analyseGrey(await photo({ seed: 12, focus: 'soft' })).signals.blurry).toBe(false);
    expect(analyseGrey(await photo({ seed: 13, exposure: 'dim' })).signals.dark).toBe(false);
  });

  it('flags a blurred photo as blurry, and only as blurry', async () => {
    expect(analyseGrey(await photo({ seed: 14, focus: 'blurred' })).signals).toEqual({ blurry: true, dark: false, glare: false });
    expect(analyseGrey(await photo({ seed: 15, focus: 'blurred', subject: 'card' })).signals.blurry).toBe(true);
  });

  it('flags a dark photo as dark, not as blurry too', async () => {
    expect(analyseGrey(await photo({ seed: 16, exposure: 'dark' })).signals).toEqual({ blurry: false, dark: true, glare: false });
  });

  it('flags a flash reflection on a card and a washed-out page as glare; a white page is not glare', async () => {
    expect(analyseGrey(await photo({ seed: 17, subject: 'card', glare: true })).signals).toEqual({ blurry: false, dark: false, glare: true });
    expect(analyseGrey(await photo({ seed: 18, exposure: 'over' })).signals.glare).toBe(true);
    // A clean scan: white paper to the edges, black text.
    const page = new Uint8Array(600 * 800).fill(255);
    for (let y = 100; y < 700; y += 24) for (let x = 60; x < 540; x++) if (x % 18 < 12) for (let t = 0; t < 3; t++) page[(y + t) * 600 + x] = 20;
    expect(analyseGrey({ data: page, width: 600, height: 800 }).signals).toEqual({ blurry: false, dark: false, glare: false });
  });

  it('a blank picture has no edge to judge and is not called blurry', () => {
    expect(analyseGrey({ data: new Uint8Array(400 * 300).fill(128), width: 400, height: 300 }).signals.blurry).toBe(false);
  });

  it('takes canvas RGBA pixels as the browser hands them over', () => {
    const rgba = new Uint8ClampedArray([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 255, 255, 255, 255]);
    expect([...toGrey(rgba, 2, 2, 4).data]).toEqual([76, 150, 29, 255]);
  });
});

describe('perceptual hash', () => {
  it('stays within DUPLICATE_MAX_DISTANCE bits for a resized and a re-encoded copy', async () => {
    const jpeg = await renderVariant({ subject: 'card', focus: 'sharp', exposure: 'normal', glare: false, seed: 21, width: 800, height: 600 });
    const grey = async (bytes: Buffer) => {
      const { data, info } = await sharp(bytes).greyscale().raw().toBuffer({ resolveWithObject: true });
      return { data: new Uint8Array(data), width: info.width, height: info.height };
    };
    const original = analyseGrey(await grey(jpeg)).hash;
    expect(original).toMatch(/^[0-9a-f]{16}$/);
    expect(hammingDistance(original, analyseGrey(await grey(await sharp(jpeg).resize(500).toBuffer())).hash)).toBeLessThanOrEqual(DUPLICATE_MAX_DISTANCE);
    expect(hammingDistance(original, analyseGrey(await grey(await sharp(jpeg).jpeg({ quality: 40 }).toBuffer())).hash)).toBeLessThanOrEqual(DUPLICATE_MAX_DISTANCE);
    const other = analyseGrey(await grey(await renderVariant({ subject: 'card', focus: 'sharp', exposure: 'normal', glare: false, seed: 22, width: 800, height: 600 }))).hash;
    expect(hammingDistance(original, other)).toBeGreaterThan(DUPLICATE_MAX_DISTANCE);
  });

  it('barely moves between the pixels and an area-averaged copy of them', async () => {
    const img = await photo({ seed: 23 });
    expect(hammingDistance(perceptualHash(img), perceptualHash(resizeArea(img, 400, 300)))).toBeLessThanOrEqual(DUPLICATE_MAX_DISTANCE);
  });

  it('splits into four 16-bit bands, and any two hashes within the duplicate distance share one', () => {
    expect(hashBands('0123456789abcdef')).toEqual([0x0123, 0x4567, 0x89ab, 0xcdef]);
    expect(() => hashBands('xyz')).toThrow();
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    const rnd = prng(5);
    for (let i = 0; i < 2000; i++) {
      const a = Array.from({ length: 16 }, () => Math.floor(rnd() * 16).toString(16)).join('');
      let v = BigInt(`0x${a}`);
      const flips = 1 + Math.floor(rnd() * DUPLICATE_MAX_DISTANCE);
      for (let f = 0; f < flips; f++) v ^= 1n << BigInt(Math.floor(rnd() * 64));
      const b = v.toString(16).padStart(16, '0');
      expect(hammingDistance(a, b)).toBeLessThanOrEqual(DUPLICATE_MAX_DISTANCE);
      const [ba, bb] = [hashBands(a), hashBands(b)];
      expect(ba.some((x, k) => x === bb[k])).toBe(true);
    }
  });

  it('gives every flat picture (blank, blown-out, black page) the one degenerate hash, and no real picture', async () => {
    for (const level of [0, 128, 253, 255]) {
      const flat = { data: new Uint8Array(640 * 480).fill(level), width: 640, height: 480 };
      expect(perceptualHash(flat)).toBe(DEGENERATE_HASH);
    }
    // A blank page with sensor noise is still flat at 32×32.
    const rnd = prng(9);
    const noisy = { data: Uint8Array.from({ length: 640 * 480 }, () => 246 + Math.floor(rnd() * 6)), width: 640, height: 480 };
    expect(isDegenerateHash(perceptualHash(noisy))).toBe(true);
    for (const seed of [31, 32, 33]) expect(isDegenerateHash(perceptualHash(await photo({ seed })))).toBe(false);
  });

  it('round-trips a hash through the signed 64-bit integer the database stores and the two 32-bit halves it reads back', () => {
    for (const hex of ['0000000000000000', '8000000000000000', 'ffffffffffffffff', '0123456789abcdef', 'fedcba9876543210']) {
      const v = BigInt(hashToInt64(hex));
      expect(v >= -(2n ** 63n) && v < 2n ** 63n).toBe(true);
      expect(hashFromHalves(Number(v >> 32n), Number(v & 0xffffffffn))).toBe(hex);
    }
    expect(hashToInt64('ffffffffffffffff')).toBe('-1');
    expect(popcount32(0)).toBe(0);
    expect(popcount32(-1)).toBe(32);
    expect(popcount32(0x80000001)).toBe(2);
  });
});
