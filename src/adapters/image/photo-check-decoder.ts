/**
 * The server's decoder for 报名照片检测: sharp reads the header (format, size, EXIF
 * orientation) and decodes an upright copy at most 480 px on its longest side as RGBA, the
 * same input the browser hands to the shared checks (src/domain/photo-check.ts).
 */
import sharp from 'sharp';
import { AppError } from '../../domain/errors.js';
import { sniffImageFormat, type SniffedImageFormat } from '../../domain/image-format.js';
import type { DecodedPhoto, PhotoCheckDecoder } from '../../ports/photo-check-decoder.js';

/** Formats a photo may come in to be checked (and then told it must be JPG). */
export const CHECKABLE_FORMATS: readonly SniffedImageFormat[] = ['jpeg', 'png', 'webp', 'gif', 'tiff', 'avif'];
const MAX_INPUT_PIXELS = 50_000_000;
const SAMPLE_SIDE = 480;

export type { DecodedPhoto };

export async function decodePhotoForCheck(bytes: Buffer): Promise<DecodedPhoto> {
  const format = sniffImageFormat(bytes.subarray(0, 4096));
  if (!CHECKABLE_FORMATS.includes(format)) throw new AppError('PHOTO_UNREADABLE', { detected: format === 'unknown' ? undefined : format });
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' as const, animated: false };
  try {
    const meta = await sharp(bytes, options).metadata();
    if (!meta.width || !meta.height) throw new AppError('INVALID_IMAGE', { reason: 'corrupt' });
    const exifOrientation = meta.orientation && meta.orientation >= 1 && meta.orientation <= 8 ? meta.orientation : 1;
    const swap = exifOrientation >= 5;
    const width = swap ? meta.height : meta.width;
    const height = swap ? meta.width : meta.height;
    const { data, info } = await sharp(bytes, options)
      .rotate()
      .resize({ width: SAMPLE_SIDE, height: SAMPLE_SIDE, fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { format, width, height, exifOrientation, pixels: { width: info.width, height: info.height, data } };
  } catch (e) {
    if (e instanceof AppError) throw e;
    const message = e instanceof Error ? e.message : '';
    throw new AppError('INVALID_IMAGE', { reason: /pixel limit/i.test(message) ? 'too_many_pixels' : 'corrupt' });
  }
}

/** The sharp decoder as the PhotoCheckDecoder port. */
export const sharpPhotoCheckDecoder: PhotoCheckDecoder = { decode: decodePhotoForCheck };
