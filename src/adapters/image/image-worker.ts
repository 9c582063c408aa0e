/**
 * Worker-thread side of WorkerImagePipeline: one SharpImagePipeline per thread (its own
 * watermark glyph atlases and block cache), so the decode, the JS watermark blend, the
 * thumbnail shrink and the encode never run on the server's event loop.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { workerData } from 'node:worker_threads';
import sharp from 'sharp';
import { AppError } from '../../domain/errors.js';
import type { WatermarkInfo, ImageAnalysis } from '../../ports/image-pipeline.js';
import { createSharpImagePipeline, type SharpImagePipelineOptions } from './sharp-image-pipeline.js';

export type ImageTask =
  | { kind: 'warmUp' }
  | { kind: 'process'; input: Uint8Array; watermark: Omit<WatermarkInfo, 'at'> & { at: number } };

export type ImageTaskResult =
  | { ok: true; image: Uint8Array; thumbnail: Uint8Array; width: number; height: number; analysis: ImageAnalysis }
  | { ok: false; appError?: { code: AppError['code']; details: AppError['details'] }; message?: string };

// One libvips thread per image: the pool already runs one image per core, more threads per
// image would only contend for the same cores (sharp's default is the core count with jemalloc).
sharp.concurrency(1);
const pipeline = createSharpImagePipeline({ ...(workerData as SharpImagePipelineOptions | undefined), maxConcurrent: 1 });

// A young-generation GC after each image: the decoded pixels (5.8 MB at 1600×1200) and the
// copies made from them are dead once the image is out, but this isolate allocates little JS,
// so V8 would let tens of MB of them wait for a later GC (peak RSS). A scavenge costs ~0.5 ms.
// `gc` is not exposed to worker code by default; the flag applies to contexts made after it.
v8.setFlagsFromString('--expose-gc');
const collectYoung = vm.runInNewContext('gc') as (options: { type: 'minor' }) => void;

export default async function run(task: ImageTask): Promise<ImageTaskResult | null> {
  if (task.kind === 'warmUp') {
    await pipeline.warmUp();
    return null;
  }
  try {
    const input = Buffer.from(task.input.buffer, task.input.byteOffset, task.input.byteLength);
    const out = await pipeline.process(input, { ...task.watermark, at: new Date(task.watermark.at) });
    return { ok: true, image: out.image, thumbnail: out.thumbnail, width: out.width, height: out.height, analysis: out.analysis };
  } catch (err) {
    // Errors lose their class crossing threads: send the code, rebuild the AppError there.
    if (err instanceof AppError) return { ok: false, appError: { code: err.code, details: err.details } };
    return { ok: false, message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  } finally {
    collectYoung({ type: 'minor' });
  }
}
