import type { ExampleImagePipeline } from '../../ports/example-image-pipeline.js';
import { createSharpImagePipeline } from './sharp-image-pipeline.js';

/** Example images go through the candidate pipeline's checks and re-encode, minus the watermark. */
export function createSharpExampleImagePipeline(): ExampleImagePipeline {
  // Examples are uploaded rarely, one at a time: one decode at once is plenty.
  const pipeline = createSharpImagePipeline({ maxConcurrent: 1 });
  return {
    async prepare(input) {
      const out = await pipeline.reencodeWithoutWatermark(input);
      return { image: out.image, width: out.width, height: out.height, contentType: 'image/jpeg' };
    },
  };
}
