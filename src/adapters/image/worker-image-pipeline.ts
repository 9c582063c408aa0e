import { Piscina } from 'piscina';
import { AppError } from '../../domain/errors.js';
import type { ImagePipeline, ProcessedImage, WatermarkInfo } from '../../ports/image-pipeline.js';
import type { ImageTask, ImageTaskResult } from './image-worker.js';
import type { SharpImagePipelineOptions } from './sharp-image-pipeline.js';

/** Time a worker spent on one image, for metrics. */
export type ImageWorkObserver = (r: { wallMs: number; outcome: 'ok' | 'refused' | 'error' }) => void;

const fromSource = import.meta.url.endsWith('.ts');

/**
 * The ImagePipeline run on a pool of worker threads (piscina): the sharp pipeline and the JS
 * watermark blend leave the event loop, so sessions, the review queue and every other request
 * keep their latency while uploads saturate the cores. Admission (how many wait) is decided
 * before this, by UploadAdmission; the pool runs `threads` images at once.
 */
export class WorkerImagePipeline implements ImagePipeline {
  private readonly pool: Piscina<ImageTask, ImageTaskResult | null>;
  observe: ImageWorkObserver | undefined;

  constructor(
    readonly threads: number,
    options: SharpImagePipelineOptions = {},
  ) {
    this.pool = new Piscina({
      filename: new URL(fromSource ? './image-worker-dev.mjs' : './image-worker.js', import.meta.url).href,
      minThreads: threads,
      maxThreads: threads,
      concurrentTasksPerWorker: 1,
      // Workers stay up: each holds its glyph atlases (~1 s to build).
      idleTimeout: Infinity,
      workerData: options,
    });
  }

  /** Builds every worker's glyph atlases; a missing font fails here, at start-up. */
  async warmUp(): Promise<void> {
    await Promise.all(Array.from({ length: this.threads }, () => this.pool.run({ kind: 'warmUp' })));
  }

  async process(input: Buffer, watermark: WatermarkInfo): Promise<ProcessedImage> {
    const started = performance.now();
    let r: ImageTaskResult | null;
    try {
      r = await this.pool.run({ kind: 'process', input, watermark: { ...watermark, at: watermark.at.getTime() } });
    } catch (err) {
      this.observe?.({ wallMs: performance.now() - started, outcome: 'error' });
      throw err;
    }
    const wallMs = performance.now() - started;
    if (!r) throw new Error('image worker returned nothing');
    if (!r.ok) {
      this.observe?.({ wallMs, outcome: r.appError ? 'refused' : 'error' });
      if (r.appError) throw new AppError(r.appError.code, r.appError.details);
      throw new Error(`image worker failed: ${r.message}`);
    }
    this.observe?.({ wallMs, outcome: 'ok' });
    const buf = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);
    return { image: buf(r.image), thumbnail: buf(r.thumbnail), width: r.width, height: r.height, contentType: 'image/jpeg', analysis: r.analysis };
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
