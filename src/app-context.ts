import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config.js';
import type { Deps } from './services/deps.js';
import type { Clock } from './ports/clock.js';
import { systemClock } from './ports/clock.js';
import type { ImagePipeline } from './ports/image-pipeline.js';
import { migrateToLatest, openDatabase } from './adapters/db/database.js';
import { LocalBlobStore } from './adapters/blobs/local-blob-store.js';
import { PersonalDataCipher } from './adapters/crypto/personal-data-cipher.js';
import { createSharpImagePipeline } from './adapters/image/sharp-image-pipeline.js';
import { createSharpExampleImagePipeline } from './adapters/image/sharp-example-image-pipeline.js';
import { exceljsSpreadsheetWriter } from './adapters/spreadsheets/exceljs-spreadsheet-writer.js';
import { renderCommitmentLetter } from './adapters/documents/render-commitment-letter.js';
import { handoffKeyFor } from './adapters/crypto/handoff-key.js';
import { ensureReferenceData } from './services/ensure-reference-data.js';
import { loadDemoData } from './services/load-demo-data.js';
import type { SmsSender } from './ports/sms-sender.js';
import { LogFileSmsSender } from './adapters/notify/log-file-sms-sender.js';
import { HttpSmsSender } from './adapters/notify/http-sms-sender.js';
import { startJobWorker } from './services/run-jobs.js';
import { HttpResultWebhook } from './adapters/notify/http-result-webhook.js';
import type { ResultWebhook } from './ports/result-webhook.js';

export interface AppContext {
  deps: Deps;
  sms: SmsSender;
  /** Starts the in-process job worker (SMS outbox); stopped by close(). */
  startWorkers(onError?: (e: unknown) => void): void;
  close(): Promise<void>;
}

/** The key for personal data: configured in production, generated once per data dir otherwise. */
function dataKeyFor(config: Config): string {
  if (config.dataKey) return config.dataKey;
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

/** The signed result webhook, when configured; a URL without a proper key stops start-up. */
function resultWebhookFor(config: Config, clock: Clock): ResultWebhook | null {
  if (!config.resultWebhookUrl) return null;
  if (!/^https?:\/\//.test(config.resultWebhookUrl)) throw new Error('RESULT_WEBHOOK_URL must be an http(s) URL.');
  if (!config.resultWebhookKey || config.resultWebhookKey.length < 32) throw new Error('RESULT_WEBHOOK_KEY (32+ characters) must be set with RESULT_WEBHOOK_URL.');
  if (config.production && !config.resultWebhookUrl.startsWith('https://')) throw new Error('RESULT_WEBHOOK_URL must use https in production.');
  return new HttpResultWebhook(config.resultWebhookUrl, config.resultWebhookKey, () => clock.now());
}

/** The composition root: picks adapters from configuration and prepares the database. */
export async function createAppContext(config: Config, overrides: { clock?: Clock; pipeline?: ImagePipeline } = {}): Promise<AppContext> {
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrateToLatest(database);
  const deps: Deps = {
    db: database.db,
    dialect: database.dialect,
    blobs: new LocalBlobStore(path.join(config.dataDir, 'blobs')),
    pipeline: overrides.pipeline ?? createSharpImagePipeline(),
    clock: overrides.clock ?? systemClock,
    cipher: new PersonalDataCipher(dataKeyFor(config)),
    sessionTtlMinutes: config.sessionTtlMinutes,
    examplePipeline: createSharpExampleImagePipeline(),
    spreadsheets: exceljsSpreadsheetWriter,
    letters: { renderCommitmentLetter: (data) => renderCommitmentLetter(data) },
    handoffKey: handoffKeyFor(config),
    resultWebhookEnabled: !!config.resultWebhookUrl,
    resultsApiToken: config.resultsApiToken ?? null,
  };
  // Render the watermark glyphs now, so a missing font stops start-up, not the first upload.
  const warm = (deps.pipeline as { warmUp?: () => Promise<void> }).warmUp;
  if (warm) await warm.call(deps.pipeline);
  await ensureReferenceData(deps);
  if (config.loadDemoData && !config.production) await loadDemoData(deps);
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
      await database.close();
    },
  };
}
