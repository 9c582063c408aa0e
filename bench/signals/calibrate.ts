/**
 * Calibration of the machine signals on the generated corpus (test/fixtures/make-signal-corpus.ts):
 * prints, per signal, the threshold and the false-positive / false-negative rates, the spread
 * of each measure per label (to move a threshold with open eyes), and the Hamming distances of
 * copies (re-encoded, resized, re-uploaded watermarked) and of different pictures.
 *
 *   npx tsx bench/signals/calibrate.ts [perCell=6] [seed=1] [--verbose]
 *
 * The figures go to docs/SIGNALS.md.
 */
import sharp from 'sharp';
import { analyseDecodedPixels } from '../../src/adapters/image/picture-analysis.js';
import { createSharpImagePipeline } from '../../src/adapters/image/sharp-image-pipeline.js';
import { DUPLICATE_MAX_DISTANCE, hammingDistance, SIGNAL_THRESHOLDS, type PictureAnalysis } from '../../src/domain/image-signals.js';
import { makeSignalCorpus, type SignalCorpusItem } from '../../test/fixtures/make-signal-corpus.js';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const perCell = Number(positional[0] ?? 6);
// The thresholds were tuned on seed 1; a held-out seed shows how well they carry over.
const seed = Number(positional[1] ?? 1);
const verbose = process.argv.includes('--verbose');

/** Decode like the upload pipeline (upright sRGB, longest side ≤ 2000), then analyse. */
async function analyseUpload(bytes: Buffer): Promise<PictureAnalysis> {
  const { data, info } = await sharp(bytes, { autoOrient: true })
    .resize(2000, 2000, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return analyseDecodedPixels(data, info.width, info.height, info.channels as 3);
}

const items = await makeSignalCorpus(perCell, seed);
const results: { item: SignalCorpusItem; a: PictureAnalysis }[] = [];
for (const item of items) results.push({ item, a: await analyseUpload(item.jpeg) });

console.log(`corpus: ${items.length} pictures, seed ${seed} (${perCell} per cell of subject × focus × exposure × glare), 1200×900 JPEG`);
console.log('thresholds:', JSON.stringify(SIGNAL_THRESHOLDS));
console.log('\nsignal   | positives | negatives | false positives | false negatives');
for (const signal of ['blurry', 'dark', 'glare'] as const) {
  const pos = results.filter((r) => r.item.expected[signal]);
  const neg = results.filter((r) => !r.item.expected[signal]);
  const fn = pos.filter((r) => !r.a.signals[signal]);
  const fp = neg.filter((r) => r.a.signals[signal]);
  const pct = (n: number, d: number) => `${n}/${d} (${d ? ((100 * n) / d).toFixed(1) : '0.0'} %)`;
  console.log(`${signal.padEnd(8)} | ${String(pos.length).padStart(9)} | ${String(neg.length).padStart(9)} | ${pct(fp.length, neg.length).padStart(15)} | ${pct(fn.length, pos.length)}`);
  if (verbose) for (const r of [...fp, ...fn]) console.log(`   miss: ${r.item.name} ${JSON.stringify(r.a.metrics, (_, v) => (typeof v === 'number' ? Number(v.toFixed(4)) : v))}`);
}

const spread = (label: string, pick: (r: (typeof results)[number]) => boolean, metric: keyof PictureAnalysis['metrics']) => {
  const v = results.filter(pick).map((r) => r.a.metrics[metric]).sort((a, b) => a - b);
  if (!v.length) return;
  const q = (p: number) => v[Math.min(v.length - 1, Math.floor(p * v.length))]!.toFixed(3);
  console.log(`  ${metric.padEnd(18)} ${label.padEnd(28)} min ${q(0)}  p10 ${q(0.1)}  median ${q(0.5)}  p90 ${q(0.9)}  max ${v[v.length - 1]!.toFixed(3)}`);
};
console.log('\nmeasures per label:');
for (const focus of ['sharp', 'soft', 'blurred'] as const) {
  spread(`${focus} (not dark)`, (r) => r.item.variant.focus === focus && r.item.variant.exposure !== 'dark', 'sharpness');
  spread(`${focus} (not dark)`, (r) => r.item.variant.focus === focus && r.item.variant.exposure !== 'dark', 'laplacianVariance');
}
for (const exposure of ['normal', 'dim', 'dark', 'over'] as const) {
  spread(exposure, (r) => r.item.variant.exposure === exposure, 'mean');
  spread(exposure, (r) => r.item.variant.exposure === exposure, 'p99');
}
spread('glare', (r) => r.item.variant.glare, 'hotspot');
spread('no glare, not over-exposed', (r) => !r.item.variant.glare && r.item.variant.exposure !== 'over', 'hotspot');
spread('over-exposed', (r) => r.item.variant.exposure === 'over', 'clipped');
spread('over-exposed', (r) => r.item.variant.exposure === 'over', 'p1');
spread('not over-exposed', (r) => r.item.variant.exposure !== 'over', 'clipped');
spread('not over-exposed, mean ≥ 210', (r) => r.item.variant.exposure !== 'over' && r.a.metrics.mean >= 210, 'p1');

// Duplicates: copies of the normal sharp pictures against their originals, and every pair of different pictures.
const pipeline = createSharpImagePipeline();
const originals = results.filter((r) => r.item.variant.exposure === 'normal' && r.item.variant.focus === 'sharp' && !r.item.variant.glare);
const copyDistances: Record<string, number[]> = { 're-encoded q50': [], 'resized 60 %': [], 'stored (watermarked) re-uploaded': [], '… against the picture hash only': [], 'screenshot-like PNG 800 px': [] };
for (const { item, a } of originals) {
  const reencoded = await sharp(item.jpeg).jpeg({ quality: 50 }).toBuffer();
  const resized = await sharp(item.jpeg).resize(720).jpeg({ quality: 75 }).toBuffer();
  // What the upload stores: the watermarked image and the hash of it (analysis.storedHash).
  const processed = await pipeline.process(item.jpeg, { registrationNo: '2026990100001', year: 2026, at: new Date() });
  const stored = processed.image;
  const png = await sharp(item.jpeg).resize(800).png().toBuffer();
  copyDistances['re-encoded q50']!.push(hammingDistance(a.hash, (await analyseUpload(reencoded)).hash));
  copyDistances['resized 60 %']!.push(hammingDistance(a.hash, (await analyseUpload(resized)).hash));
  // The lookup compares a new upload with both stored hashes of every image (picture and stored copy).
  const reuploaded = (await analyseUpload(stored)).hash;
  copyDistances['stored (watermarked) re-uploaded']!.push(Math.min(hammingDistance(a.hash, reuploaded), hammingDistance(processed.analysis.storedHash, reuploaded)));
  copyDistances['… against the picture hash only']!.push(hammingDistance(a.hash, reuploaded));
  copyDistances['screenshot-like PNG 800 px']!.push(hammingDistance(a.hash, (await analyseUpload(png)).hash));
}
console.log(`\nperceptual hash, duplicate when distance ≤ ${DUPLICATE_MAX_DISTANCE} bits:`);
for (const [k, d] of Object.entries(copyDistances)) {
  const found = d.filter((x) => x <= DUPLICATE_MAX_DISTANCE).length;
  console.log(`  copy ${k.padEnd(34)} distances ${JSON.stringify(d.sort((x, y) => x - y))}  found ${found}/${d.length}`);
}
// Different pictures: every pair of distinct scenes (a blurred or dark shot of the same scene is a
// different seed here, so every pair below is a different photo).
const hashes = results.map((r) => r.a.hash);
let pairs = 0;
let falseMatches = 0;
let minDistance = 64;
const hist = new Array<number>(65).fill(0);
for (let i = 0; i < hashes.length; i++) {
  for (let j = i + 1; j < hashes.length; j++) {
    const d = hammingDistance(hashes[i]!, hashes[j]!);
    pairs++;
    hist[d]!++;
    if (d < minDistance) minDistance = d;
    if (d <= DUPLICATE_MAX_DISTANCE) falseMatches++;
  }
}
const below = (k: number) => hist.slice(0, k + 1).reduce((s, x) => s + x, 0);
console.log(`  different pictures: ${pairs} pairs, smallest distance ${minDistance}, ≤ 8 bits: ${below(8)}, ≤ 12 bits: ${below(12)}, false matches ${falseMatches} (${((100 * falseMatches) / pairs).toFixed(3)} %)`);
