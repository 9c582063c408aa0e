/**
 * Gives images stored before migration 011 their perceptual hash, so that the duplicate lookup
 * sees them (src/services/backfill-image-hashes.ts), with the nodes' configuration
 * (DATABASE_URL / DATA_KEY / S3_BUCKET … or DATA_DIR):
 *
 *   npm run backfill-image-hashes -- [--batch 200]
 *
 * Safe to stop and run again: it takes only images that have no hash yet. Exit code: 0 done,
 * 1 some thumbnails were missing from the store (listed; run again once restored) or it failed,
 * 2 wrong usage.
 */
import { loadConfig } from '../config.js';
import { createAppContext } from '../app-context.js';
import { backfillImageHashes } from '../services/backfill-image-hashes.js';
import { hashEncodedImage } from '../adapters/image/picture-analysis.js';

function usage(message?: string): never {
  if (message) console.error(message);
  console.error('usage: npm run backfill-image-hashes -- [--batch <n>]');
  process.exit(2);
}

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  let batch = 200;
  while (args.length > 0) {
    const a = args.shift()!;
    if (a === '--batch') {
      batch = Number(args.shift());
      if (!Number.isInteger(batch) || batch < 1 || batch > 5000) usage('--batch needs a whole number from 1 to 5000');
    } else usage(`unknown argument ${a}`);
  }
  const ctx = await createAppContext({ ...loadConfig(), loadDemoData: false });
  try {
    const report = await backfillImageHashes({ store: ctx.deps.store, blobs: ctx.deps.blobs, now: () => ctx.deps.clock.now() }, hashEncodedImage, {
      batch,
      onProgress: (r) => process.stderr.isTTY && process.stderr.write(`\rhashed ${r.hashed}`),
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    for (const id of report.missing) console.log(`MISSING  thumbnail of image ${id}`);
    console.log(`${report.hashed} image(s) hashed, ${report.duplicates} duplicate pair(s) found, ${report.missing.length} without a thumbnail in the store`);
    return report.missing.length === 0 ? 0 : 1;
  } finally {
    await ctx.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`backfill-image-hashes failed: ${(e as Error).message}`);
    process.exit(1);
  },
);
