/**
 * The upload pipeline's one hook into the machine signals: decoded pixels in (before the
 * watermark), quality flags and perceptual hash out. sharp makes the small greyscale copy on
 * the libuv pool; the pure measures (src/domain/image-signals.ts) run on ~640×480 bytes.
 */
import sharp from 'sharp';
import { analyseGrey, ANALYSIS_SIDE, perceptualHash, type PictureAnalysis } from '../../domain/image-signals.js';

export type { PictureAnalysis };

export async function analyseDecodedPixels(data: Buffer, width: number, height: number, channels: 1 | 3 | 4 = 3): Promise<PictureAnalysis> {
  // Small first, grey after: sharp turns colour into grey before resizing, and its sRGB → B_W
  // conversion goes through linear light in float, ~3× the cost of the resize when done on
  // the full image (18 vs 5 ms at 1600×1200). On the ≤ 640 px copy it is ~1 ms. Greying a
  // lanczos-resized picture instead of resizing a grey one moves the measures by well under
  // a grey level (the calibration in docs/SIGNALS.md was re-run).
  const small = await sharp(data, { raw: { width, height, channels } })
    .resize(ANALYSIS_SIDE, ANALYSIS_SIDE, { fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { data: grey, info } = await sharp(small.data, { raw: { width: small.info.width, height: small.info.height, channels: small.info.channels } })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return analyseGrey({ data: new Uint8Array(grey.buffer, grey.byteOffset, info.width * info.height), width: info.width, height: info.height });
}

/** The perceptual hash of an encoded image (the stored thumbnail: its hash is the stored picture's). */
export async function hashEncodedImage(bytes: Buffer): Promise<string> {
  const { data, info } = await sharp(bytes).greyscale().raw().toBuffer({ resolveWithObject: true });
  return perceptualHash({ data: new Uint8Array(data.buffer, data.byteOffset, info.width * info.height), width: info.width, height: info.height });
}
