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
}

export interface ImagePipeline {
  /**
   * Throws AppError UNSUPPORTED_FORMAT (not JPEG/PNG by its bytes),
   * INVALID_IMAGE (corrupt, truncated, bomb, too small).
   */
  process(input: Buffer, watermark: WatermarkInfo): Promise<ProcessedImage>;
}
