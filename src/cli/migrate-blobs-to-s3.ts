/**
 * Copies the local image store into the S3 bucket, before switching a server to S3_BUCKET:
 *
 *   S3_BUCKET=… AWS_ENDPOINT_URL_S3=… AWS_REGION=… AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… \
 *     npm run migrate-blobs-to-s3 -- [--from <dir>] [--concurrency 8]
 *
 * Source: <DATA_DIR>/blobs (or --from). Target: the bucket the server would use with the same
 * variables (S3_BUCKET, S3_PREFIX, S3_FORCE_PATH_STYLE and the AWS SDK's own). Idempotent and
 * resumable: objects already copied (same size and sha256) are skipped, every copy is read back
 * and compared. Run it while the server still runs on local disk, stop the nodes, run it again
 * (copies only what came in meanwhile), then start the nodes with S3_BUCKET (docs/OBJECT-STORAGE.md).
 * Exit code: 0 every object is in the bucket, 1 some copies failed (run again), 2 wrong usage.
 */
import { exitWithUsage, parseCliArgs, wholeNumberOption } from './cli-args.js';
import path from 'node:path';
import fs from 'node:fs/promises';
import { loadConfig } from '../config.js';
import { LocalBlobStore } from '../adapters/blobs/local-blob-store.js';
import { S3BlobStore } from '../adapters/blobs/s3-blob-store.js';
import { copyBlobStore, type CopyReport } from '../services/copy-blob-store.js';

const USAGE = 'S3_BUCKET=… npm run migrate-blobs-to-s3 -- [--from <blobs dir>] [--concurrency <n>]';
function usage(message?: string): never {
  return exitWithUsage(USAGE, message);
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseCliArgs(argv, { from: { type: 'string' }, concurrency: { type: 'string' } }, USAGE);
  const from = values.from;
  const concurrency = wholeNumberOption(values.concurrency, 8, { min: 1, max: 64, name: '--concurrency' }, USAGE);
  const config = loadConfig();
  if (!config.s3) usage('S3_BUCKET is not set: it names the bucket to copy into');
  const root = path.resolve(from ?? path.join(config.dataDir, 'blobs'));
  if (!(await fs.stat(root).catch(() => null))?.isDirectory()) usage(`no local store at ${root}`);

  const target = new S3BlobStore(config.s3);
  try {
    await target.checkConfiguration();
    await target.checkReady();
    console.log(`copying ${root} → s3://${config.s3.bucket}/${config.s3.prefix ?? ''}`);
    const line = (r: CopyReport) =>
      `objects ${r.total}: copied ${r.copied} (${(r.bytesCopied / 1024 / 1024).toFixed(1)} MB), already in bucket ${r.alreadyPresent}, failed ${r.failed.length}`;
    const report = await copyBlobStore(new LocalBlobStore(root), target, { concurrency, onProgress: (r) => console.error(line(r)) });
    for (const f of report.failed) console.error(`failed ${f.key}: ${f.reason}`);
    console.log(line(report));
    console.log(report.failed.length === 0 ? 'every object is in the bucket' : 'some objects were not copied: run the command again');
    return report.failed.length === 0 ? 0 : 1;
  } catch (e) {
    const cause = (e as { cause?: unknown }).cause;
    console.error(`the bucket cannot be used: ${e instanceof Error ? e.message : String(e)}${cause instanceof Error ? ` (${cause.name}: ${cause.message})` : ''}`);
    return 1;
  } finally {
    target.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
