/**
 * Restore drill: checks that every approved image (--all: every image not deleted) is in the
 * object store with the sha256 recorded at upload, using the nodes' configuration
 * (DATABASE_URL / DATA_KEY / S3_BUCKET … or DATA_DIR):
 *
 *   npm run verify-images -- [--all] [--concurrency 8]
 *
 * Prints one line per missing or altered image and a summary. Exit code: 0 every image
 * checked is intact, 1 some are missing or altered (or the check failed), 2 wrong usage.
 */
import { loadConfig } from '../config.js';
import { createAppContext } from '../app-context.js';
import { verifyImages } from '../services/verify-images.js';

function usage(message?: string): never {
  if (message) console.error(message);
  console.error('usage: npm run verify-images -- [--all] [--concurrency <n>]');
  process.exit(2);
}

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  let all = false;
  let concurrency = 8;
  while (args.length > 0) {
    const a = args.shift()!;
    if (a === '--all') all = true;
    else if (a === '--concurrency') {
      concurrency = Number(args.shift());
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) usage('--concurrency needs a whole number from 1 to 64');
    } else usage(`unknown argument ${a}`);
  }
  const ctx = await createAppContext({ ...loadConfig(), loadDemoData: false });
  try {
    const report = await verifyImages(ctx.deps, {
      all,
      concurrency,
      onProgress: (n) => process.stderr.isTTY && process.stderr.write(`\rchecked ${n}`),
    });
    if (process.stderr.isTTY) process.stderr.write('\n');
    for (const m of report.missing) console.log(`MISSING  image ${m.imageId}  ${m.key}`);
    for (const m of report.mismatched) console.log(`ALTERED  image ${m.imageId}  ${m.key}  expected sha256 ${m.expected}, found ${m.actual}`);
    const bad = report.missing.length + report.mismatched.length;
    console.log(`${report.checked} ${all ? '' : 'approved '}image(s) checked: ${report.checked - bad} intact, ${report.missing.length} missing, ${report.mismatched.length} altered`);
    return bad === 0 ? 0 : 1;
  } finally {
    await ctx.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`verify-images failed: ${(e as Error).message}`);
    process.exit(1);
  },
);
