/** Turns an administrator's upload into a catalog example image (示例). */
export interface PreparedExample {
  image: Buffer;
  width: number;
  height: number;
  contentType: 'image/jpeg';
}

export interface ExampleImagePipeline {
  /**
   * The checks of the candidate upload pipeline (JPEG/PNG by their bytes, decodable, not a
   * bomb, legible size) and a clean re-encode without metadata, but no watermark: an
   * example carries no one's personal data. Throws AppError UNSUPPORTED_FORMAT / INVALID_IMAGE.
   */
  prepare(input: Buffer): Promise<PreparedExample>;
}
