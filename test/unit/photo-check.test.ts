import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  checkPhoto,
  DEFAULT_PHOTO_RULES,
  findBestJpegQuality,
  measureBackground,
  photoFacts,
  photoRulesWith,
  planPhotoFix,
  type PhotoCheckItem,
  type PhotoFacts,
  type RgbaImage,
} from '../../src/domain/photo-check.js';
import { formatKb, photoCheckMessage, photoCheckTitle } from '../../src/domain/photo-check-messages.js';

type Rgb = [number, number, number];

/**
 * An ID-photo-like picture: a background, a head (ellipse) in the upper middle and
 * shoulders filling the bottom third edge to edge, with a little sensor noise.
 */
function idPhoto(w: number, h: number, opts: { bg?: Rgb | ((x: number, y: number) => Rgb); alpha?: number; seed?: number } = {}): RgbaImage {
  const data = new Uint8ClampedArray(w * h * 4);
  let s = opts.seed ?? 7;
  const noise = () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return (s / 0x7fffffff - 0.5) * 6;
  };
  const bg = opts.bg ?? [250, 250, 250];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const fx = x / w;
      const fy = y / h;
      let c: Rgb = typeof bg === 'function' ? bg(x, y) : bg;
      let a = opts.alpha ?? 255;
      const head = ((fx - 0.5) / 0.2) ** 2 + ((fy - 0.38) / 0.24) ** 2 <= 1;
      const shoulders = fy > 0.68 && Math.abs(fx - 0.5) < 0.15 + (fy - 0.68) * 3;
      if (head) {
        c = [222, 184, 160];
        a = 255;
      } else if (shoulders) {
        c = [40, 44, 60];
        a = 255;
      }
      const i = (y * w + x) * 4;
      const n = noise();
      data[i] = c[0] + n;
      data[i + 1] = c[1] + n;
      data[i + 2] = c[2] + n;
      data[i + 3] = a;
    }
  }
  return { width: w, height: h, data };
}

const goodFacts: PhotoFacts = { format: 'jpeg', bytes: 24_000, width: 358, height: 441, exifOrientation: 1 };
const byId = (checks: PhotoCheckItem[], id: PhotoCheckItem['id']) => checks.find((c) => c.id === id)!;

describe('checkPhoto', () => {
  it('passes a 358×441 JPG within 30 KB, upright, on a plain white background', () => {
    const r = checkPhoto(goodFacts, idPhoto(358, 441));
    expect(r.checks.map((c) => [c.id, c.status])).toEqual([
      ['format', 'pass'], ['file_size', 'pass'], ['dimensions', 'pass'], ['aspect', 'pass'], ['orientation', 'pass'], ['background', 'pass'],
    ]);
    expect(r.ok).toBe(true);
    expect(r.rules).toEqual({ width: 358, height: 441, maxBytes: 30_720 });
  });

  it('counts 30 KB as 30,720 bytes: one byte more fails', () => {
    expect(byId(checkPhoto({ ...goodFacts, bytes: 30_720 }, null).checks, 'file_size').status).toBe('pass');
    const over = byId(checkPhoto({ ...goodFacts, bytes: 30_721 }, null).checks, 'file_size');
    expect(over).toMatchObject({ status: 'fail', fixable: true, reason: 'too_large', params: { bytes: 30_721, maxBytes: 30_720 } });
  });

  it('fails a large PNG of the wrong size and aspect, and says each failure can be fixed', () => {
    const r = checkPhoto({ format: 'png', bytes: 61_440, width: 600, height: 800, exifOrientation: 1 }, idPhoto(600, 800));
    expect(r.ok).toBe(false);
    expect(r.fixable).toBe(true);
    expect(byId(r.checks, 'format')).toMatchObject({ status: 'fail', reason: 'not_jpeg', params: { format: 'png' } });
    expect(byId(r.checks, 'file_size').status).toBe('fail');
    expect(byId(r.checks, 'dimensions')).toMatchObject({ status: 'fail', reason: 'other' });
    expect(byId(r.checks, 'aspect')).toMatchObject({ status: 'fail', reason: 'too_tall', params: { ratio: 0.75, requiredRatio: 0.812 } });
    expect(byId(r.checks, 'background').status).toBe('pass');
  });

  it('tells a too small photo from one that only needs scaling down', () => {
    expect(byId(checkPhoto({ ...goodFacts, width: 179, height: 220 }, null).checks, 'dimensions').reason).toBe('too_small');
    expect(byId(checkPhoto({ ...goodFacts, width: 716, height: 882 }, null).checks, 'dimensions').reason).toBe('other');
    // Same aspect at another size: only the size fails.
    expect(byId(checkPhoto({ ...goodFacts, width: 716, height: 882 }, null).checks, 'aspect').status).toBe('pass');
  });

  it('fails a rotation tag (fixable) and only warns on a landscape picture', () => {
    const tagged = checkPhoto({ ...goodFacts, exifOrientation: 6 }, idPhoto(358, 441));
    expect(byId(tagged.checks, 'orientation')).toMatchObject({ status: 'fail', fixable: true, reason: 'exif_rotated' });
    expect(tagged.fixable).toBe(true);
    const wide = checkPhoto({ ...goodFacts, width: 441, height: 358 }, idPhoto(441, 358));
    expect(byId(wide.checks, 'orientation')).toMatchObject({ status: 'warn', reason: 'landscape' });
    expect(byId(wide.checks, 'aspect')).toMatchObject({ status: 'fail', reason: 'too_wide' });
  });

  it('fails a dark background and a busy one, neither fixable', () => {
    const blue = checkPhoto(goodFacts, idPhoto(358, 441, { bg: [20, 90, 200] }));
    expect(byId(blue.checks, 'background')).toMatchObject({ status: 'fail', fixable: false, reason: 'too_dark' });
    expect(blue.fixable).toBe(false);
    const stripes = checkPhoto(goodFacts, idPhoto(358, 441, { bg: (x) => (Math.floor(x / 12) % 2 ? [255, 255, 255] : [150, 170, 160]) }));
    expect(byId(stripes.checks, 'background')).toMatchObject({ status: 'fail', reason: 'not_plain' });
    const lightBlue = checkPhoto(goodFacts, idPhoto(358, 441, { bg: [190, 225, 245] }));
    expect(byId(lightBlue.checks, 'background').status).toBe('pass');
  });

  it('does not judge the background without pixels, but does not fail the photo for it', () => {
    const r = checkPhoto(goodFacts, null);
    expect(byId(r.checks, 'background')).toMatchObject({ status: 'warn', reason: 'not_measured' });
    expect(r.ok).toBe(true);
  });

  it('takes the size and file limit from the caller', () => {
    const rules = photoRulesWith({ width: 390, height: 567, maxKb: 50 });
    expect(rules).toMatchObject({ width: 390, height: 567, maxBytes: 51_200 });
    const r = checkPhoto({ ...goodFacts, width: 390, height: 567, bytes: 45_000 }, idPhoto(390, 567), rules);
    expect(r.ok).toBe(true);
    expect(checkPhoto(goodFacts, null, rules).ok).toBe(false);
  });
});

describe('measureBackground', () => {
  it('gives the same answer on a downscaled copy', () => {
    const full = idPhoto(716, 882, { bg: [235, 240, 236] });
    const small = idPhoto(179, 220, { bg: [235, 240, 236] });
    const a = measureBackground(full)!;
    const b = measureBackground(small)!;
    expect(Math.abs(a.luma - b.luma)).toBeLessThan(2);
    expect(a.spread).toBeLessThan(DEFAULT_PHOTO_RULES.background.maxSpread);
    expect(b.spread).toBeLessThan(DEFAULT_PHOTO_RULES.background.maxSpread);
  });

  it('looks at the top and the upper sides only, not at shoulders reaching the lower edges', () => {
    const m = measureBackground(idPhoto(358, 441))!;
    expect(m.luma).toBeGreaterThan(240);
    expect(m.spread).toBeLessThan(5);
    expect(m.color.r).toBeGreaterThan(240);
  });

  it('treats transparent pixels as white', () => {
    const m = measureBackground(idPhoto(358, 441, { bg: [0, 0, 0], alpha: 0 }))!;
    expect(m.luma).toBeGreaterThan(250);
  });

  it('returns null for a picture too small to sample', () => {
    expect(measureBackground({ width: 2, height: 2, data: new Uint8Array(16) })).toBeNull();
  });
});

describe('planPhotoFix', () => {
  const R = DEFAULT_PHOTO_RULES;

  it('scales a photo of the right aspect whole', () => {
    const p = planPhotoFix(716, 882);
    expect(p).toMatchObject({ width: 358, height: 441, source: { x: 0, y: 0, width: 716, height: 882 }, target: { x: 0, y: 0, width: 358, height: 441 }, upscaled: false });
    expect(planPhotoFix(179, 220).upscaled).toBe(true);
  });

  it('crops a wide photo equally from both sides', () => {
    const p = planPhotoFix(800, 600);
    expect(p.source).toEqual({ x: 156, y: 0, width: 487, height: 600 });
    expect(p.target).toEqual({ x: 0, y: 0, width: 358, height: 441 });
  });

  it('crops a tall photo mostly from the bottom, keeping the head', () => {
    const p = planPhotoFix(600, 1000);
    expect(p.source).toEqual({ x: 0, y: 65, width: 600, height: 739 });
  });

  it('pads instead when asked: the whole picture, centred', () => {
    const wide = planPhotoFix(800, 600, R, 'pad');
    expect(wide.source).toEqual({ x: 0, y: 0, width: 800, height: 600 });
    expect(wide.target).toEqual({ x: 0, y: 86, width: 358, height: 269 });
    const tall = planPhotoFix(600, 1000, R, 'pad');
    expect(tall.target).toEqual({ x: 46, y: 0, width: 265, height: 441 });
  });

  it('always stays inside the source and the output and keeps the aspect, for any size', () => {
    let seed = 3;
    const rnd = (n: number) => {
      seed = (seed * 48271) % 2147483647;
      return 1 + (seed % n);
    };
    for (let k = 0; k < 500; k++) {
      const w = rnd(5000);
      const h = rnd(5000);
      for (const mode of ['crop', 'pad'] as const) {
        const p = planPhotoFix(w, h, R, mode);
        const { source: s, target: t } = p;
        expect(s.x >= 0 && s.y >= 0 && s.x + s.width <= w && s.y + s.height <= h).toBe(true);
        expect(t.x >= 0 && t.y >= 0 && t.x + t.width <= 358 && t.y + t.height <= 441).toBe(true);
        // Drawing source into target distorts no more than the tolerance plus pixel rounding.
        const distortion = Math.abs(t.width / t.height / (s.width / s.height) - 1);
        expect(distortion).toBeLessThanOrEqual(R.aspectTolerance + 2 / Math.min(s.width, s.height, t.width, t.height));
      }
    }
  });

  it('refuses an empty source', () => {
    expect(() => planPhotoFix(0, 10)).toThrow(RangeError);
  });
});

describe('findBestJpegQuality', () => {
  const model = (q: number) => Promise.resolve({ size: 8_000 + q * q * 6, q });

  it('finds the highest quality that fits, by bisection', async () => {
    const max = 30_720;
    const choice = (await findBestJpegQuality(model, max))!;
    const best = Math.floor(Math.sqrt((max - 8_000) / 6));
    expect(choice.quality).toBe(best);
    expect(choice.result.size).toBeLessThanOrEqual(max);
    expect(choice.attempts).toBeLessThanOrEqual(9);
  });

  it('takes the top quality at once when it fits, and gives up when even the lowest is too big', async () => {
    expect(await findBestJpegQuality(model, 100_000)).toMatchObject({ quality: 100, attempts: 1 });
    expect(await findBestJpegQuality(model, 5_000)).toBeNull();
  });

  it('only ever returns a measured size that fits, even when size does not grow with quality', async () => {
    for (let seed = 1; seed < 60; seed++) {
      const bumpy = (q: number) => Promise.resolve({ size: 10_000 + q * 250 + ((q * seed * 7919) % 13) * 300 });
      const c = await findBestJpegQuality(bumpy, 30_000);
      expect(c).not.toBeNull();
      expect(c!.result.size).toBeLessThanOrEqual(30_000);
      expect((await bumpy(c!.quality)).size).toBe(c!.result.size);
    }
  });

  it('with a real JPEG encoder: the chosen file fits 30 KB and one quality step more does not', async () => {
    const img = idPhoto(358, 441, { bg: (x, y) => [200 + ((x * 7 + y * 3) % 40), 210, 220] });
    const encode = async (q: number) => {
      const buf = await sharp(Buffer.from(img.data as Uint8ClampedArray), { raw: { width: 358, height: 441, channels: 4 } }).removeAlpha().jpeg({ quality: q }).toBuffer();
      return { size: buf.length, buf };
    };
    const c = (await findBestJpegQuality(encode, 30_720))!;
    expect(c.quality).toBeLessThan(100);
    expect(c.result.buf.length).toBeLessThanOrEqual(30_720);
    expect((await encode(c.quality + 1)).size).toBeGreaterThan(30_720);
    const meta = await sharp(c.result.buf).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 358, 441]);
  });
});

describe('photoFacts and messages', () => {
  it('reads the format from the bytes, not the name', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
    expect(photoFacts(png, { width: 10, height: 12 }, 9)).toEqual({ format: 'png', bytes: 10, width: 10, height: 12, exifOrientation: 1 });
  });

  it('has words for every result in both languages, and every failure says what to do', () => {
    const cases: Array<[PhotoFacts, RgbaImage | null]> = [
      [goodFacts, idPhoto(358, 441)],
      [{ format: 'png', bytes: 90_000, width: 200, height: 200, exifOrientation: 6 }, idPhoto(200, 200, { bg: [10, 10, 10] })],
      [{ format: 'webp', bytes: 90_000, width: 900, height: 400, exifOrientation: 1 }, idPhoto(90, 40, { bg: (x) => (x % 2 ? [255, 255, 255] : [120, 120, 120]) })],
      [{ format: 'jpeg', bytes: 9_000, width: 1000, height: 900, exifOrientation: 1 }, null],
      [{ format: 'jpeg', bytes: 9_000, width: 358, height: 600, exifOrientation: 1 }, null],
    ];
    const seen = new Set<string>();
    for (const [facts, px] of cases) {
      for (const c of checkPhoto(facts, px).checks) {
        seen.add(`${c.id}:${c.reason}`);
        for (const locale of ['zh-CN', 'en'] as const) {
          const m = photoCheckMessage(c, locale);
          expect(m).not.toContain(`${c.id}: ${c.reason}`);
          expect(m).not.toMatch(/NaN|undefined/);
          expect(photoCheckTitle(c.id, locale).length).toBeGreaterThan(1);
        }
        if (c.status === 'fail') expect(photoCheckMessage(c)).toMatch(/修复|请/);
      }
    }
    expect(seen.size).toBe(17);
  });

  it('shows sizes the way the limit counts them', () => {
    expect(formatKb(30_720)).toBe('30.0KB（30,720 字节）');
    expect(formatKb(30_721)).toBe('30.1KB（30,721 字节）');
    expect(formatKb(61_440, 'en')).toBe('60.0 KB (61,440 bytes)');
  });
});
