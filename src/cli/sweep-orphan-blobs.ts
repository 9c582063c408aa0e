/**
 * Runs the orphan sweep once, now, with the configuration the nodes use (DATA_DIR /
 * DATABASE_URL / DATA_KEY / S3_BUCKET …):
 *
 *   npm run sweep-orphans -- [--older-than-minutes 60] [--scan-store]
 *
 * Every node already sweeps every 10 minutes (and scans the whole store daily); this is for an
 * operator after an incident, and for the cluster test, which sweeps with a cut-off of 0 after
 * all uploads have ended. Safe while nodes run: a blob younger than the cut-off is never touched.
 * Prints the number of blobs removed. Exit code: 0 done, 1 failed, 2 wrong usage.
 */
import { exitWithUsage, parseCliArgs } from './cli-args.js';
import { loadConfig } from '../config.js';
import { createAppContext } from '../app-context.js';
import { sweepOrphanBlobs } from '../services/sweep-orphan-blobs.js';

const USAGE = 'npm run sweep-orphans -- [--older-than-minutes <n>] [--scan-store]';

async function main(argv: string[]): Promise<number> {
  const { values } = parseCliArgs(
    argv,
    { 'older-than-minutes': { type: 'string' }, 'scan-store': { type: 'boolean' } },
    USAGE,
  );
  const scanStore = values['scan-store'] === true;
  const olderThanMinutes = values['older-than-minutes'] === undefined ? 60 : Number(values['older-than-minutes']);
  if (!Number.isFinite(olderThanMinutes) || olderThanMinutes < 0) exitWithUsage(USAGE, '--older-than-minutes needs a number ≥ 0');
  const ctx = await createAppContext({ ...loadConfig(), loadDemoData: false });
  try {
    const removed = await sweepOrphanBlobs(ctx.deps, olderThanMinutes * 60_000, { scanStore });
    console.log(`removed ${removed} orphan blob(s)`);
    return 0;
  } finally {
    await ctx.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`sweep failed: ${(e as Error).message}`);
    process.exit(1);
  },
);
