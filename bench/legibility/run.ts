/**
 * Before/after figures for docs/IMAGE-PIPELINE.md (issue 13, legible documents): generated
 * phone photos of an A4 certificate go through the browser's sizing rule (shrink-core's
 * findEncoding, with sharp standing in for the canvas JPEG encoder: both libjpeg-turbo, 4:2:0)
 * and the server pipeline, once as before (0.85 steps without the 1600 px stop, dense
 * watermark) and once as now; Tesseract reads the stored image.
 *
 *   npx tsx bench/legibility/run.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { DEFAULT_LIMITS, findEncoding, type ShrinkLimits } from '../../web/src/lib/shrink-core.js';
import { createSharpImagePipeline } from '../../src/adapters/image/sharp-image-pipeline.js';
import { DENSE_WATERMARK_STYLE } from '../../src/adapters/image/watermark-overlay.js';
import { DEFAULT_CERTIFICATE, makeCertificatePhoto } from '../../test/fixtures/make-certificate-photo.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'legibility-'));
const BEFORE_LIMITS: ShrinkLimits = { ...DEFAULT_LIMITS, legibleSide: DEFAULT_LIMITS.maxSide }; // no 1600 stop
const before = createSharpImagePipeline({ watermarkStyle: DENSE_WATERMARK_STYLE });
const after = createSharpImagePipeline();
const WM = { registrationNo: '2026990100008', year: 2026, at: new Date('2026-12-05T01:30:00Z') };

async function ocr(image: Buffer): Promise<string> {
  const file = path.join(tmp, 'ocr.png');
  await sharp(image).greyscale().png().toFile(file);
  let text = '';
  for (const psm of ['3', '6']) text += execFileSync('tesseract', [file, '-', '-l', 'chi_sim+eng', '--psm', psm], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  const flat = text.replace(/\s+/g, '');
  return `${flat.includes(DEFAULT_CERTIFICATE.certificateNo) ? 'number ✓' : 'number ✗'} ${flat.includes(DEFAULT_CERTIFICATE.holderName) ? 'name ✓' : 'name ✗'}`;
}

async function browserSizing(src: Buffer, limits: ShrinkLimits) {
  const meta = await sharp(src).metadata();
  return findEncoding({ width: meta.width!, height: meta.height! }, async (w, h, q) => {
    const buf = await sharp(src).resize(w, h).jpeg({ quality: Math.round(q * 100), chromaSubsampling: '4:2:0' }).toBuffer();
    return { size: buf.length, buf };
  }, limits);
}

const docs: [string, Parameters<typeof makeCertificatePhoto>[0]][] = [
  ['certificate, daylight (noise 22)', {}],
  ['certificate, dim room (noise 60)', { noise: 60, seed: 5 }],
  ['certificate, very dim (noise 110)', { noise: 110, seed: 9 }],
  ['grey photocopy (noise 22)', { grey: true, seed: 3 }],
];
console.log('| document | original | | before: upload | stored | OCR | after: upload | stored | OCR |');
console.log('|---|---|---|---|---|---|---|---|---|');
for (const [label, options] of docs) {
  const src = await makeCertificatePhoto(options);
  const row = [label, `4000×3000, ${Math.round(src.length / 1024)} KB`, await ocr(src)];
  for (const [limits, pipeline] of [[BEFORE_LIMITS, before], [DEFAULT_LIMITS, after]] as const) {
    const c = await browserSizing(src, limits);
    const out = await pipeline.process(c.result.buf, WM);
    row.push(`${Math.max(c.width, c.height)} px q${Math.round(c.quality * 100)}, ${Math.round(c.result.size / 1024)} KB`);
    row.push(`${Math.max(out.width, out.height)} px, ${Math.round(out.image.length / 1024)} KB`);
    row.push(await ocr(out.image));
  }
  console.log(`| ${row.join(' | ')} |`);
}
rmSync(tmp, { recursive: true, force: true });
