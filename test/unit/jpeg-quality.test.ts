import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { estimateJpegQuality, ijgLuminanceTable, readLuminanceTable } from '../../src/domain/jpeg-quality.js';

const pixels = Buffer.alloc(64 * 48 * 3, 120);
const jpegAt = (quality: number) =>
  sharp(pixels, { raw: { width: 64, height: 48, channels: 3 } }).jpeg({ quality, mozjpeg: false }).toBuffer();

describe('JPEG quality from the quantisation table', () => {
  it.each([20, 45, 60, 75, 82, 90, 95])('reads back the quality a file was saved at (%i)', async (quality) => {
    expect(estimateJpegQuality(await jpegAt(quality))).toBe(quality);
  });

  it('reads the table written for quality 50 as the standard table itself', async () => {
    expect(readLuminanceTable(await jpegAt(50))).toEqual(ijgLuminanceTable(50));
    expect(ijgLuminanceTable(50).slice(0, 3)).toEqual([16, 11, 12]);
  });

  it('gives no estimate for what is not a JPEG or has no table before the scan', async () => {
    const png = await sharp(pixels, { raw: { width: 64, height: 48, channels: 3 } }).png().toBuffer();
    expect(estimateJpegQuality(png)).toBeUndefined();
    expect(estimateJpegQuality(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02]))).toBeUndefined();
    expect(estimateJpegQuality(Buffer.alloc(0))).toBeUndefined();
  });

  it('does not read past the end of a truncated table', async () => {
    const jpeg = await jpegAt(80);
    const dqt = jpeg.indexOf(Buffer.from([0xff, 0xdb]));
    expect(estimateJpegQuality(jpeg.subarray(0, dqt + 20))).toBeUndefined();
  });

  it('maps a camera-style table to the nearest IJG quality', () => {
    // A table between quality 90 and 92: every entry of q90's table, minus one on the first half.
    const table = ijgLuminanceTable(90).map((v, k) => (k < 32 ? Math.max(1, v - 1) : v));
    const segment = Buffer.from([0xff, 0xdb, 0x00, 67, 0x00, ...table]);
    const file = Buffer.concat([Buffer.from([0xff, 0xd8]), segment, Buffer.from([0xff, 0xda, 0x00, 0x02])]);
    expect(estimateJpegQuality(file)).toBeGreaterThanOrEqual(90);
    expect(estimateJpegQuality(file)).toBeLessThanOrEqual(92);
  });
});
