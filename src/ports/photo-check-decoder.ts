import type { SniffedImageFormat } from '../domain/image-format.js';
import type { RgbaImage } from '../domain/photo-check.js';

/** A photo decoded for 报名照片检测: its upright size and a downscaled upright copy. */
export interface DecodedPhoto {
  format: SniffedImageFormat;
  /** Upright size. */
  width: number;
  height: number;
  exifOrientation: number;
  /** Upright pixels, downscaled for the pixel checks. */
  pixels: RgbaImage;
}

/** Decodes a photo to be checked; refuses what is not an image with PHOTO_UNREADABLE. */
export interface PhotoCheckDecoder {
  decode(bytes: Buffer): Promise<DecodedPhoto>;
}
