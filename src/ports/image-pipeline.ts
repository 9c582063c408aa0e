import type { QualitySignals } from '../domain/image-signals.js';

/** Turns an untrusted upload into a stored image: validated, cleaned, watermarked. */
export interface WatermarkInfo {
  /** 报名号 shown in the watermark. */
  registrationNo: string;
  /** Exam year shown in the watermark. */
  year: number;
  /** Upload time shown in the watermark (China time, minutes). */
  at: Date;
}

export interface ProcessedImage {
  /** Watermarked JPEG, no metadata. */
  image: Buffer;
  /** Small JPEG for lists (longest side ~320 px), also watermarked-derived. */
  thumbnail: Buffer;
  width: number;
  height: number;
  contentType: 'image/jpeg';
  /** Machine signals (docs/SIGNALS.md): quality flags and perceptual hashes. */
  analysis: ImageAnalysis;
}

export interface ImageAnalysis {
  signals: QualitySignals;
  /** 64-bit DCT hash (16 hex digits) of the uploaded picture, before the watermark. */
  pictureHash: string;
  /** The same hash of the stored, watermarked picture (what a downloaded copy hashes like). */
  storedHash: string;
}

export interface ImagePipeline {
  /**
   * Throws AppError UNSUPPORTED_FORMAT (not JPEG/PNG by its bytes),
   * INVALID_IMAGE (corrupt, truncated, bomb, too small).
   */
  process(input: Buffer, watermark: WatermarkInfo): Promise<ProcessedImage>;
}
