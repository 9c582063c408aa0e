/**
 * ImagePipeline on sharp (libvips): an untrusted upload in, a clean watermarked JPEG and its
 * thumbnail out. See docs/IMAGE-PIPELINE.md for the steps, the limits and the measured cost.
 *
 *  1. sniff the bytes: only JPEG and PNG go on (UNSUPPORTED_FORMAT otherwise, before any decoder)
 *  2. read the header only: refuse too many pixels (a bomb costs nothing) and too small to read
 *  3. decode with limitInputPixels and failOn 'error' (truncated/corrupt → INVALID_IMAGE);
 *     EXIF orientation applied; CMYK, 16-bit, grey, palette → 8-bit sRGB; alpha flattened on
 *     white; longest side capped
 *  4. watermark blended into the decoded pixels (watermark-overlay.ts); JPEG re-encode with no
 *     metadata at all (nothing of the input but pixels survives: no EXIF/GPS/XMP/ICC/comments/tails)
 *  5. thumbnail from the same watermarked pixels
 */
import { MAX_IMAGE_BYTES } from '../../domain/upload-limits.js';
import { fileURLToPath } from 'node:url';
import sharp, { type Metadata } from 'sharp';
import { AppError } from '../../domain/errors.js';
import { isAcceptedImageFormat, sniffImageFormat } from '../../domain/image-format.js';
import { estimateJpegQuality } from '../../domain/jpeg-quality.js';
import type { ImagePipeline, ProcessedImage, WatermarkInfo } from '../../ports/image-pipeline.js';
import { DEFAULT_WATERMARK_STYLE, WatermarkRenderer, type WatermarkStyle } from './watermark-overlay.js';
import { WATERMARK_FONT_FILE } from './watermark-text.js';
import { analyseDecodedPixels, hashEncodedImage } from './picture-analysis.js';

export { WatermarkFontError } from './watermark-overlay.js';

/** The font the project ships (works from src/ under tsx and from dist/ after the build). */
export const DEFAULT_WATERMARK_FONT_FILE = fileURLToPath(new URL(`../../../assets/fonts/${WATERMARK_FONT_FILE}`, import.meta.url));

export interface SharpImagePipelineOptions {
  /** Font used for the watermark. Default: assets/fonts/NotoSansCJKsc-Watermark-Subset.otf. */
  fontFile?: string;
  /** Refuse images with more pixels than this, judged from the header. Default 40 MP. */
  maxInputPixels?: number;
  /** Refuse images whose shorter side is below this. Default 200 px. */
  minShortSide?: number;
  /** Refuse images whose longer side is below this. Default 300 px. */
  minLongSide?: number;
  /** Longest side of the stored image; larger inputs are scaled down. Default 2000 px. */
  maxOutputSide?: number;
  /** Longest side of the thumbnail. Default 320 px. */
  thumbnailSide?: number;
  /** JPEG quality of the stored image. Default 82. */
  quality?: number;
  /** Stored images are kept under this many bytes (quality lowered when needed). Default 204800. */
  maxOutputBytes?: number;
  /** JPEG quality of the thumbnail. Default 75. */
  thumbnailQuality?: number;
  /** How many images this pipeline decodes at once; more wait in line. Default 4. */
  maxConcurrent?: number;
  /** Look of the watermark. */
  watermarkStyle?: WatermarkStyle;
}

type Limits = Required<Omit<SharpImagePipelineOptions, 'watermarkStyle'>> & { watermarkStyle: WatermarkStyle };

export const DEFAULT_LIMITS: Readonly<Omit<Limits, 'fontFile' | 'watermarkStyle'>> = Object.freeze({
  maxInputPixels: 40_000_000,
  minShortSide: 200,
  minLongSide: 300,
  maxOutputSide: 2000,
  thumbnailSide: 320,
  quality: 82,
  maxOutputBytes: MAX_IMAGE_BYTES,
  thumbnailQuality: 75,
  maxConcurrent: 4,
});

/** Lowest JPEG quality the pipeline encodes at, whatever the source or the byte budget. */
const MIN_QUALITY = 40;

/** Pixels decoded and normalised: 8-bit sRGB, 3 channels, upright, flattened, capped. */
interface NormalisedImage {
  data: Buffer;
  width: number;
  height: number;
  /** Size of the upload, and its pixel count before the longest side was capped. */
  inputBytes: number;
  inputPixels: number;
  /** The quality a JPEG upload was saved at (from its DQT), undefined for PNG. */
  sourceQuality: number | undefined;
}

const withCause = (err: AppError, cause: unknown): AppError => {
  Object.defineProperty(err, 'cause', { value: cause, enumerable: false });
  return err;
};

/** A tiny FIFO semaphore: bounds memory (each decode holds a few MB to ~100 MB). */
class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

export class SharpImagePipeline implements ImagePipeline {
  readonly limits: Readonly<Limits>;
  private renderer: Promise<WatermarkRenderer> | undefined;
  private readonly gate: Gate;

  /** Cheap: nothing is read or rendered until the first image (or warmUp()). */
  constructor(options: SharpImagePipelineOptions = {}) {
    this.limits = Object.freeze({
      ...DEFAULT_LIMITS,
      fontFile: DEFAULT_WATERMARK_FONT_FILE,
      watermarkStyle: DEFAULT_WATERMARK_STYLE,
      ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
    } as Limits);
    this.gate = new Gate(Math.max(1, this.limits.maxConcurrent));
  }

  /** The font file the watermark is drawn with. */
  get fontFile(): string {
    return this.limits.fontFile;
  }

  /**
   * Checks the font and renders the glyph atlases of every size (~1 s, once). Call at start-up
   * to fail fast on a missing font instead of on the first upload, and so that no upload waits
   * for an atlas. Throws WatermarkFontError.
   */
  async warmUp(): Promise<void> {
    await (await this.watermarkRenderer()).prepareAllSizes();
  }

  private watermarkRenderer(): Promise<WatermarkRenderer> {
    if (!this.renderer) {
      const pending = WatermarkRenderer.create(this.limits.fontFile, this.limits.watermarkStyle);
      this.renderer = pending;
      // Do not cache a failure: a font put in place later is picked up without a restart.
      pending.catch(() => {
        if (this.renderer === pending) this.renderer = undefined;
      });
    }
    return this.renderer;
  }

  process(input: Buffer, watermark: WatermarkInfo): Promise<ProcessedImage> {
    const renderer = this.watermarkRenderer();
    return this.gate.run(async () => {
      const image = await this.normalise(input);
      // Machine signals from the pixels as uploaded, before the watermark is drawn into them.
      const { signals, hash } = await analyseDecodedPixels(image.data, image.width, image.height);
      await (await renderer).apply(watermark, image.data, image.width, image.height);
      const out = await this.encode(image);
      return { ...out, analysis: { signals, pictureHash: hash, storedHash: await hashEncodedImage(out.thumbnail) } };
    });
  }

  /**
   * The same steps as process() without the watermark: the baseline the watermark's cost is
   * measured against (bench/, tests). Never use it to store an upload.
   */
  reencodeWithoutWatermark(input: Buffer): Promise<Omit<ProcessedImage, 'analysis'>> {
    return this.gate.run(async () => this.encode(await this.normalise(input)));
  }

  /** Step 4–5: the stored JPEG and its thumbnail, both from the same (watermarked) pixels. */
  private async encode(image: NormalisedImage): Promise<Omit<ProcessedImage, 'analysis'>> {
    // Both read the same buffer on two libuv threads (sharp.concurrency(1): one libvips thread
    // each). libvips shrinks for the thumbnail in SIMD (box shrink, then lanczos): ~6 ms at
    // 1600×1200, where the JS area average of the same pixels took ~20 ms.
    const raw = { raw: { width: image.width, height: image.height, channels: 3 as const } };
    const side = this.limits.thumbnailSide;
    const main = this.encodeWithinBudget(image);
    const thumbnail = sharp(image.data, raw)
      .resize(side, side, { fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: this.limits.thumbnailQuality, mozjpeg: false })
      .toBuffer();
    const [m, t] = await Promise.all([main, thumbnail]);
    return { image: m.data, thumbnail: t, width: m.width, height: m.height, contentType: 'image/jpeg' };
  }

  /**
   * The stored JPEG at the quality firstQuality() picks, or, when the watermark's edges
   * still push it over the byte budget (storage stays bounded like the uploads), at a
   * quality estimated from the first size (JPEG size falls roughly linearly with quality in this range); at most
   * two more encodes, the last one also scaling down.
   */
  private async encodeWithinBudget(image: NormalisedImage): Promise<{ data: Buffer; width: number; height: number }> {
    const raw = { raw: { width: image.width, height: image.height, channels: 3 as const } };
    const budget = this.limits.maxOutputBytes;
    let quality = await this.firstQuality(image);
    let out = await sharp(image.data, raw).jpeg({ quality, mozjpeg: false }).toBuffer();
    let { width, height } = image;
    for (let attempt = 0; attempt < 2 && out.length > budget; attempt++) {
      quality = Math.max(MIN_QUALITY, Math.floor(quality - ((out.length - budget * 0.92) / out.length) * 90));
      const last = attempt === 1;
      let pipeline = sharp(image.data, raw);
      if (last) {
        width = Math.round(image.width * 0.8);
        height = Math.round(image.height * 0.8);
        pipeline = pipeline.resize(width, height);
      }
      out = await pipeline.jpeg({ quality, mozjpeg: false }).toBuffer();
    }
    return { data: out, width, height };
  }

  /**
   * The quality of the first encode: the configured one, never above the quality a JPEG upload
   * was saved at (more would add bytes, not detail: jpeg-quality.ts), or, when a sample says
   * the image would come out over the byte budget at it, the quality the sample says fits. The sample is
   * every 16th band of 16 rows (whole JPEG blocks, spread over the whole image, watermark
   * included), so each try costs ~1/16 of an encode; a second full encode costs a whole one
   * (photos at 200 KB for 1600×1200 come out at ~350 KB at quality 82 once watermarked).
   * The budget check after the real encode stays, for when the estimate is off.
   */
  private async firstQuality(image: NormalisedImage): Promise<number> {
    const { width, height, data } = image;
    const budget = this.limits.maxOutputBytes;
    // Never below the floor either: the watermark must stay legible on a badly compressed upload.
    let quality = Math.max(MIN_QUALITY, Math.min(this.limits.quality, image.sourceQuality ?? Infinity));
    const bandRows = 16;
    const bands = Math.floor(height / (bandRows * 16));
    if (bands < 2) return quality;
    const rowBytes = width * 3;
    const sample = Buffer.allocUnsafe(bands * bandRows * rowBytes);
    for (let b = 0; b < bands; b++) {
      const y = b * bandRows * 16 + bandRows * 8;
      data.copy(sample, b * bandRows * rowBytes, y * rowBytes, (y + bandRows) * rowBytes);
    }
    const raw = { raw: { width, height: bands * bandRows, channels: 3 as const } };
    const scale = height / (bands * bandRows);
    const target = budget * 0.9;
    for (let attempt = 0; attempt < 3; attempt++) {
      const bytes = (await sharp(sample, raw).jpeg({ quality, mozjpeg: false }).toBuffer()).length * scale;
      if (bytes <= target) break;
      const next = Math.max(MIN_QUALITY, Math.floor(quality - ((bytes - target * 0.97) / bytes) * 90));
      if (next === quality) break; // at the floor: another sample would say the same
      quality = next;
    }
    return quality;
  }

  /** Steps 1–3: refuse what we must, then decode to upright 8-bit sRGB pixels. */
  private async normalise(input: Buffer): Promise<NormalisedImage> {
    const detected = sniffImageFormat(input);
    if (!isAcceptedImageFormat(detected)) throw new AppError('UNSUPPORTED_FORMAT', { detected });

    const l = this.limits;
    let meta: Metadata;
    try {
      // Header only: no pixel is decoded here.
      meta = await sharp(input, { failOn: 'error', limitInputPixels: false }).metadata();
    } catch (err) {
      throw withCause(new AppError('INVALID_IMAGE', { reason: 'corrupt' }), err);
    }
    if (meta.format !== detected || !meta.width || !meta.height) {
      throw new AppError('INVALID_IMAGE', { reason: 'corrupt' });
    }
    const swap = (meta.orientation ?? 1) >= 5;
    const width = swap ? meta.height : meta.width;
    const height = swap ? meta.width : meta.height;
    if (width * height > l.maxInputPixels) {
      throw new AppError('INVALID_IMAGE', { reason: 'too_many_pixels', width, height, maxPixels: l.maxInputPixels });
    }
    if (Math.min(width, height) < l.minShortSide || Math.max(width, height) < l.minLongSide) {
      const landscape = width >= height;
      throw new AppError('INVALID_IMAGE', {
        reason: 'too_small',
        width,
        height,
        minWidth: landscape ? l.minLongSide : l.minShortSide,
        minHeight: landscape ? l.minShortSide : l.minLongSide,
      });
    }

    try {
      const { data, info } = await sharp(input, {
        failOn: 'error',
        limitInputPixels: l.maxInputPixels,
        autoOrient: true,
      })
        .resize(l.maxOutputSide, l.maxOutputSide, { fit: 'inside', withoutEnlargement: true })
        .flatten({ background: { r: 255, g: 255, b: 255 } })
        .toColourspace('srgb')
        .raw({ depth: 'uchar' })
        .toBuffer({ resolveWithObject: true });
      if (info.channels !== 3) throw new Error(`unexpected ${info.channels} channels after normalising`);
      return {
        data,
        width: info.width,
        height: info.height,
        inputBytes: input.length,
        inputPixels: width * height,
        sourceQuality: detected === 'jpeg' ? estimateJpegQuality(input) : undefined,
      };
    } catch (err) {
      const pixelLimit = err instanceof Error && /pixel limit/i.test(err.message);
      throw withCause(
        new AppError('INVALID_IMAGE', pixelLimit ? { reason: 'too_many_pixels', width, height } : { reason: 'corrupt' }),
        err,
      );
    }
  }
}

let cacheConfigured = false;

/**
 * The pipeline for the upload route. Turns off libvips' operation cache (every upload is a
 * different image; the cache would only hold memory). Does not touch sharp.concurrency().
 */
export function createSharpImagePipeline(options?: SharpImagePipelineOptions): SharpImagePipeline {
  if (!cacheConfigured) {
    sharp.cache(false);
    cacheConfigured = true;
  }
  return new SharpImagePipeline(options);
}
