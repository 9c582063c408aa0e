/**
 * The server side of 报名照片检测: sharp decodes, the shared domain checks judge. The report
 * must not depend on who decoded: checking the full-size pixels gives the same statuses as
 * the server's downscaled sample.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { checkPhoto } from '../../src/domain/photo-check.js';
import { decodePhotoForCheck, sharpPhotoCheckDecoder } from '../../src/adapters/image/photo-check-decoder.js';
import { runPhotoCheck } from '../../src/services/run-photo-check.js';

/** An ID-photo-like SVG: background, head, shoulders. */
function portraitSvg(w: number, h: number, bg = '#fafafa'): Buffer {
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <rect width="${w}" height="${h}" fill="${bg}"/>
    <ellipse cx="${w / 2}" cy="${h * 0.38}" rx="${w * 0.2}" ry="${h * 0.24}" fill="#deb8a0"/>
    <path d="M0 ${h} L${w * 0.1} ${h * 0.75} Q${w / 2} ${h * 0.62} ${w * 0.9} ${h * 0.75} L${w} ${h} Z" fill="#2c3040"/>
  </svg>`);
}

const errorOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected an error');
};

describe('decodePhotoForCheck', () => {
  it('reads a JPEG stored sideways with a rotation tag as its upright size, and reports the tag', async () => {
    // Stored 441×358 with orientation 6: upright it is 358×441.
    const upright = await sharp(portraitSvg(358, 441)).rotate(-90).jpeg({ quality: 90 }).withMetadata({ orientation: 6 }).toBuffer();
    const d = await decodePhotoForCheck(upright);
    expect(d).toMatchObject({ format: 'jpeg', width: 358, height: 441, exifOrientation: 6 });
    expect(d.pixels.width).toBeLessThan(d.pixels.height);
    // Upright pixels: the light background is at the top.
    expect(d.pixels.data[0]).toBeGreaterThan(240);
  });

  it('decodes PNG and WebP too (to say they must become JPG), with pixels at most 480 px', async () => {
    const png = await sharp(portraitSvg(1200, 1600)).png().toBuffer();
    const d = await decodePhotoForCheck(png);
    expect(d).toMatchObject({ format: 'png', width: 1200, height: 1600, exifOrientation: 1 });
    expect(Math.max(d.pixels.width, d.pixels.height)).toBe(480);
    expect(d.pixels.data.length).toBe(d.pixels.width * d.pixels.height * 4);
    const webp = await sharp(portraitSvg(300, 400)).webp().toBuffer();
    expect((await decodePhotoForCheck(webp)).format).toBe('webp');
  });

  it('refuses what is not a photo with PHOTO_UNREADABLE, and a broken photo with INVALID_IMAGE', async () => {
    const pdf = await errorOf(decodePhotoForCheck(Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n')));
    expect(pdf.code).toBe('PHOTO_UNREADABLE');
    expect(pdf.details).toMatchObject({ detected: 'pdf' });
    expect(pdf.messageFor('zh-CN')).toMatch(/请选择 JPG 或 PNG/);
    const svg = await errorOf(decodePhotoForCheck(portraitSvg(100, 100)));
    expect(svg.code).toBe('PHOTO_UNREADABLE');
    const jpeg = await sharp(portraitSvg(358, 441)).jpeg().toBuffer();
    const broken = await errorOf(decodePhotoForCheck(jpeg.subarray(0, Math.floor(jpeg.length / 2))));
    expect(broken.code).toBe('INVALID_IMAGE');
  });
});

describe('runPhotoCheck', () => {
  it('judges the server sample as the full-size pixels are judged, with words in the caller\'s language', async () => {
    for (const [bg, w, h] of [['#fafafa', 716, 882], ['#1f4fa0', 358, 441], ['#fafafa', 800, 600]] as const) {
      const bytes = await sharp(portraitSvg(w, h, bg)).jpeg({ quality: 92 }).toBuffer();
      const server = await runPhotoCheck({ photoDecoder: sharpPhotoCheckDecoder }, null, { bytes, rules: {}, locale: 'zh-CN' });
      const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const full = checkPhoto({ format: 'jpeg', bytes: bytes.length, width: w, height: h, exifOrientation: 1 }, { width: info.width, height: info.height, data });
      expect(server.checks.map((c) => [c.id, c.status])).toEqual(full.checks.map((c) => [c.id, c.status]));
      expect(Math.abs(server.background!.luma - full.background!.luma)).toBeLessThan(3);
      for (const c of server.checks) expect(c.title.length).toBeGreaterThan(1);
    }
    const bytes = await sharp(portraitSvg(358, 441)).jpeg({ quality: 80 }).toBuffer();
    const en = await runPhotoCheck({ photoDecoder: sharpPhotoCheckDecoder }, null, { bytes, rules: { width: 300, height: 400, maxKb: 20 }, locale: 'en' });
    expect(en.rules).toEqual({ width: 300, height: 400, maxBytes: 20_480 });
    expect(en.checks.find((c) => c.id === 'dimensions')!.message).toMatch(/300×400 px is required/);
  });
});
