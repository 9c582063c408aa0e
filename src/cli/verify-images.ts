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
import { parseCliArgs, wholeNumberOption } from './cli-args.js';
import { loadConfig } from '../config.js';
import { createAppContext } from '../app-context.js';
import { verifyImages } from '../services/verify-images.js';

const USAGE = 'npm run verify-images -- [--all] [--concurrency <n>]';

async function main(argv: string[]): Promise<number> {
  const { values } = parseCliArgs(argv, { all: { type: 'boolean' }, concurrency: { type: 'string' } }, USAGE);
  const all = values.all === true;
  const concurrency = wholeNumberOption(values.concurrency, 8, { min: 1, max: 64, name: '--concurrency' }, USAGE);
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
