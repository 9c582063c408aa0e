import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config } from './config.js';
import type { Deps } from './services/deps.js';
import type { Clock } from './ports/clock.js';
import { systemClock } from './ports/clock.js';
import type { ImagePipeline } from './ports/image-pipeline.js';
import { migrateToLatest, openDatabase } from './adapters/db/database.js';
import { withStartupLock } from './adapters/db/startup-lock.js';
import { LocalBlobStore } from './adapters/blobs/local-blob-store.js';
import { S3BlobStore } from './adapters/blobs/s3-blob-store.js';
import type { BlobStore } from './ports/blob-store.js';
import { sharpPhotoCheckDecoder } from './adapters/image/photo-check-decoder.js';
import { registrationFileParser } from './adapters/import/parse-registration-file.js';
import { scryptPasswordHasher } from './adapters/crypto/password-hasher.js';
import { AesGcmPersonalDataCipher } from './adapters/crypto/personal-data-cipher.js';
import { WorkerImagePipeline } from './adapters/image/worker-image-pipeline.js';
import { createSharpExampleImagePipeline } from './adapters/image/sharp-example-image-pipeline.js';
import { exceljsSpreadsheetWriter } from './adapters/spreadsheets/exceljs-spreadsheet-writer.js';
import { importReportWriter } from './adapters/import/write-import-report.js';
import { renderCommitmentLetter } from './adapters/documents/render-commitment-letter.js';
import { handoffKeyFor } from './adapters/crypto/handoff-key.js';
import { ensureReferenceData } from './services/ensure-reference-data.js';
import { loadDemoData } from './services/load-demo-data.js';
import type { SmsSender } from './ports/sms-sender.js';
import { LogFileSmsSender } from './adapters/notify/log-file-sms-sender.js';
import { HttpSmsSender } from './adapters/notify/http-sms-sender.js';
import { startJobWorker } from './services/run-jobs.js';
import { UploadAdmission } from './services/upload-admission.js';
import { HttpResultWebhook } from './adapters/notify/http-result-webhook.js';
import type { ResultWebhook } from './ports/result-webhook.js';
import type { Kysely } from 'kysely';
import type { DB } from './adapters/db/schema.js';
import { createStore } from './adapters/db/store.js';

/**
 * What the composition root hands out: the use cases' Deps, plus the raw query builder for what
 * sits beside them and reads the database directly (the metrics adapter, CLI tools, benches and
 * tests that arrange data). Use cases never see it.
 */
export type AppDeps = Deps & { db: Kysely<DB> };

export interface AppContext {
  deps: AppDeps;
  sms: SmsSender;
  /** Starts the in-process job worker (SMS outbox); stopped by close(). */
  startWorkers(onError?: (e: unknown) => void): void;
  close(): Promise<void>;
}

/** The key for personal data: configured in production, generated once per data dir otherwise. */
function dataKeyFor(config: Config): string {
  if (config.dataKey) return config.dataKey;
  // Nodes sharing a database must encrypt with one key: a key generated per node would
  // leave each node unable to read what the others wrote.
  if (config.databaseUrl) throw new ConfigError('DATA_KEY must be set when DATABASE_URL is set: every node needs the same key (32+ random characters, e.g. `openssl rand -base64 32`).');
  if (config.production) throw new Error('DATA_KEY must be set in production (32+ random characters).');
  const file = path.join(config.dataDir, 'secret.key');
  fs.mkdirSync(config.dataDir, { recursive: true });
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    const key = crypto.randomBytes(32).toString('base64url');
    fs.writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
    return fs.readFileSync(file, 'utf8').trim();
  }
}

/** Local files under the data dir by default; an S3-compatible bucket when S3_BUCKET is set. */
async function blobStoreFor(config: Config): Promise<{ blobs: BlobStore; close(): void }> {
  if (!config.s3) return { blobs: new LocalBlobStore(path.join(config.dataDir, 'blobs')), close() {} };
  const store = new S3BlobStore(config.s3);
  await store.checkConfiguration();
  return { blobs: store, close: () => store.close() };
}

/** The signed result webhook, when configured; a URL without a proper key stops start-up. */
function resultWebhookFor(config: Config, clock: Clock): ResultWebhook | null {
  if (!config.resultWebhookUrl) return null;
  if (!/^https?:\/\//.test(config.resultWebhookUrl)) throw new ConfigError('RESULT_WEBHOOK_URL must be an http(s) URL.');
  if (!config.resultWebhookKey || config.resultWebhookKey.length < 32) throw new ConfigError('RESULT_WEBHOOK_KEY (32+ characters) must be set with RESULT_WEBHOOK_URL.');
  if (config.production && !config.resultWebhookUrl.startsWith('https://')) throw new ConfigError('RESULT_WEBHOOK_URL must use https in production.');
  return new HttpResultWebhook(config.resultWebhookUrl, config.resultWebhookKey, () => clock.now());
}

/** The composition root: picks adapters from configuration and prepares the database. */
export async function createAppContext(
  config: Config,
  /** onStatement: sees the text of every SQL statement (tests count a request's statements). */
  overrides: { clock?: Clock; pipeline?: ImagePipeline; onStatement?: (sql: string) => void } = {},
): Promise<AppContext> {
  const cipher = new AesGcmPersonalDataCipher(dataKeyFor(config));
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pgPoolMax: config.pgPoolMax, onStatement: overrides.onStatement });
  const blobStore = await blobStoreFor(config);
  const deps: AppDeps = {
    store: createStore(database.db),
    db: database.db,
    dialect: database.dialect,
    blobs: blobStore.blobs,
    pipeline: overrides.pipeline ?? new WorkerImagePipeline(config.uploadConcurrency),
    uploads: new UploadAdmission(config.uploadConcurrency, config.uploadQueue),
    clock: overrides.clock ?? systemClock,
    cipher,
    passwords: scryptPasswordHasher,
    sessionTtlMinutes: config.sessionTtlMinutes,
    sessionMaxHours: config.sessionMaxHours,
    claimLeaseMs: config.claimLeaseMs,
    examplePipeline: createSharpExampleImagePipeline(),
    photoDecoder: sharpPhotoCheckDecoder,
    registrationFiles: registrationFileParser,
    spreadsheets: exceljsSpreadsheetWriter,
    importReports: importReportWriter,
    letters: { renderCommitmentLetter: (data) => renderCommitmentLetter(data) },
    handoffKey: handoffKeyFor(config),
    resultWebhookEnabled: !!config.resultWebhookUrl,
    resultsApiToken: config.resultsApiToken ?? null,
  };
  // Render the watermark glyphs now, so a missing font stops start-up, not the first upload.
  const warm = (deps.pipeline as { warmUp?: () => Promise<void> }).warmUp;
  if (warm) await warm.call(deps.pipeline);
  // One node at a time: nodes started together must not migrate or load demo data twice.
  await withStartupLock(database, async () => {
    await migrateToLatest(database);
    await ensureReferenceData(deps);
    if (config.loadDemoData && !config.production) await loadDemoData(deps);
  });
  const sms: SmsSender = config.smsGatewayUrl ? new HttpSmsSender(config.smsGatewayUrl, config.smsGatewayToken) : new LogFileSmsSender(config.smsLogFile);
  const resultWebhook = resultWebhookFor(config, deps.clock);
  let worker: { stop(): void } | undefined;
  return {
    deps,
    sms,
    startWorkers(onError) {
      worker ??= startJobWorker(deps, sms, { onError, resultWebhook });
    },
    async close() {
      worker?.stop();
      await (deps.pipeline as { close?: () => Promise<void> }).close?.();
      await database.close();
      blobStore.close();
    },
  };
}
