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
import { loadConfig } from '../config.js';
import { createAppContext } from '../app-context.js';
import { sweepOrphanBlobs } from '../services/sweep-orphan-blobs.js';

function usage(message?: string): never {
  if (message) console.error(message);
  console.error('usage: npm run sweep-orphans -- [--older-than-minutes <n>] [--scan-store]');
  process.exit(2);
}

async function main(argv: string[]): Promise<number> {
  const args = [...argv];
  let olderThanMinutes = 60;
  let scanStore = false;
  while (args.length > 0) {
    const a = args.shift()!;
    if (a === '--scan-store') scanStore = true;
    else if (a === '--older-than-minutes') {
      const v = Number(args.shift());
      if (!Number.isFinite(v) || v < 0) usage('--older-than-minutes needs a number ≥ 0');
      olderThanMinutes = v;
    } else usage(`unknown argument ${a}`);
  }
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
