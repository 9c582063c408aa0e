import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { isJpeg, isPng, readJpegInfo } from '../../web/src/lib/exif.js';

async function jpeg(width: number, height: number, orientation?: number): Promise<Buffer> {
  let img = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } }).jpeg({ quality: 80 });
  if (orientation) img = img.withMetadata({ orientation });
  return img.toBuffer();
}

describe('web exif reader', () => {
  it('reads orientation 6 and the stored size of a phone-like JPEG', async () => {
    const buf = await jpeg(400, 300, 6);
    expect(isJpeg(buf)).toBe(true);
    expect(readJpegInfo(buf)).toEqual({ orientation: 6, width: 400, height: 300 });
  });

  it('reads every orientation 1..8', async () => {
    for (const o of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const buf = await jpeg(64, 32, o);
      expect(readJpegInfo(new Uint8Array(buf)).orientation).toBe(o);
    }
  });

  it('says 1 when there is no EXIF, and works on just the first bytes', async () => {
    const buf = await jpeg(320, 200);
    expect(readJpegInfo(buf)).toEqual({ orientation: 1, width: 320, height: 200 });
    const withExif = await jpeg(320, 200, 8);
    expect(readJpegInfo(withExif.subarray(0, 2048)).orientation).toBe(8);
  });

  it('ignores PNG and garbage', async () => {
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } }).png().toBuffer();
    expect(isPng(png)).toBe(true);
    expect(readJpegInfo(png)).toEqual({ orientation: 1 });
    expect(readJpegInfo(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0x00]))).toEqual({ orientation: 1 });
    expect(readJpegInfo(new Uint8Array(0))).toEqual({ orientation: 1 });
  });
});
