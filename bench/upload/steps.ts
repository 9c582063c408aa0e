/**
 * Where an upload's CPU time goes: each step of the image pipeline timed on its own, one
 * image at a time, next to the bare decode → encode that bench/upload/run.ts uses as its
 * baseline. CPU time (all threads of this process) per image, and wall time.
 *
 *   npx tsx bench/upload/steps.ts [--runs 30]
 */
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { createSharpImagePipeline, DEFAULT_WATERMARK_FONT_FILE } from '../../src/adapters/image/sharp-image-pipeline.js';
import { WatermarkRenderer } from '../../src/adapters/image/watermark-overlay.js';
import { analyseDecodedPixels, hashEncodedImage } from '../../src/adapters/image/picture-analysis.js';
import { makePhotoJpeg } from '../../test/fixtures/make-image-corpus.js';
import { fmt } from '../lib/stats.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' } } });
const runs = Number(values.runs);

const photos: Buffer[] = [];
for (let seed = 1; photos.length < 4; seed++) {
  const p = await makePhotoJpeg({ width: 1600, height: 1200, targetBytes: 200_000, seed });
  if (p.length >= 150_000) photos.push(p);
}
sharp.cache(false);
const pipeline = createSharpImagePipeline({ maxConcurrent: 1 });
await pipeline.warmUp();
const renderer = await WatermarkRenderer.create(DEFAULT_WATERMARK_FONT_FILE);
const { data, info } = await sharp(photos[0]!).raw().toBuffer({ resolveWithObject: true });
const raw = { raw: { width: info.width, height: info.height, channels: 3 as const } };
const at = new Date();
let n = 0;
const next = () => photos[n++ % photos.length]!;

async function step(name: string, op: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await op();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) await op();
  const wall = (performance.now() - t0) / runs;
  const cpu = process.cpuUsage(cpu0);
  console.log(`${name.padEnd(52)} CPU ${fmt((cpu.user + cpu.system) / 1000 / runs).padStart(6)} ms   wall ${fmt(wall).padStart(6)} ms`);
}

console.log(`1600×1200 photo JPEGs of ${photos.map((p) => Math.round(p.length / 1024)).join('/')} KB, ${runs} runs per step, one at a time`);
await step('bare: decode → orient → JPEG q82 (the baseline)', () => sharp(next(), { failOn: 'error' }).rotate().jpeg({ quality: 82 }).toBuffer());
await step('header only (metadata)', () => sharp(next()).metadata());
await step('decode → orient → normalise → raw RGB', () =>
  sharp(next(), { failOn: 'error', autoOrient: true }).flatten({ background: '#fff' }).toColourspace('srgb').raw().toBuffer(),
);
await step('watermark blend into raw RGB (block cached)', () => renderer.apply({ registrationNo: '2026990100001', year: 2026, at }, data, info.width, info.height));
await step('watermark block build + blend (new 报名号 each time)', () =>
  renderer.apply({ registrationNo: `20269901${String(n++).padStart(5, '0')}`, year: 2026, at }, data, info.width, info.height),
);
await step('raw RGB → JPEG q82', () => sharp(data, raw).jpeg({ quality: 82, mozjpeg: false }).toBuffer());
await step('raw RGB → JPEG q40', () => sharp(data, raw).jpeg({ quality: 40, mozjpeg: false }).toBuffer());
await step('raw RGB → thumbnail 320 px JPEG q75 (libvips resize)', () => sharp(data, raw).resize(320, 320, { fit: 'inside' }).jpeg({ quality: 75 }).toBuffer());
await step('signals + picture hash (640 px copy, grey, JS measures)', () => analyseDecodedPixels(data, info.width, info.height));
const thumb = await sharp(data, raw).resize(320, 320, { fit: 'inside' }).jpeg({ quality: 75 }).toBuffer();
await step('stored hash (thumbnail decoded, grey, DCT hash)', () => hashEncodedImage(thumb));
await step('pipeline without watermark (all steps above but blend)', () => pipeline.reencodeWithoutWatermark(next()));
await step('pipeline with watermark (what an upload runs)', () => pipeline.process(next(), { registrationNo: '2026990100001', year: 2026, at }));
