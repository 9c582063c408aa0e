import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config.js';
import { createAppContext } from '../../src/app-context.js';
import { buildHttpApp, type HttpOptions } from '../../src/http/app.js';
import { instrumentContext } from '../../src/metrics-wiring.js';
import type { AppDeps } from '../../src/app-context.js';
import type { Clock } from '../../src/ports/clock.js';
import { createPostgresDatabase, type DbKind } from './databases.js';
import { StatementLog } from './statement-log.js';

export interface TestServer {
  baseUrl: string;
  /** /metrics on its own port, when the test asked for METRICS_PORT. */
  metricsUrl: string | undefined;
  deps: AppDeps;
  dataDir: string;
  /** The PostgreSQL database of this server (undefined on SQLite, whose file is in dataDir). */
  databaseUrl: string | undefined;
  /** Moves the server's clock; starts at real time. */
  clock: Clock & { set(d: Date): void; advance(ms: number): void };
  /** With countStatements: the SQL statements of each request (test/support/statement-log.ts). */
  statements: StatementLog | undefined;
  close(): Promise<void>;
}

/** The personal-data key of test servers (required with PostgreSQL; CLIs run against them need it too). */
export const TEST_DATA_KEY = 'test-data-key-not-a-secret-0123456789abcdef';

const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);

/** The real server (real database, real image pipeline, real HTTP) on a free port, with demo data. */
export async function startTestServer(opts: { db?: DbKind; env?: Record<string, string>; http?: Partial<HttpOptions>; sameDataAs?: TestServer; countStatements?: boolean } = {}): Promise<TestServer> {
  // sameDataAs: a second node on the first one's database (and, on SQLite, its data dir); closing it leaves them.
  const shared = opts.sameDataAs;
  const dataDir = shared?.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'medexam-')));
  const pgDb = shared ? null : opts.db === 'postgres' ? await createPostgresDatabase() : null;
  const databaseUrl = shared ? shared.databaseUrl : pgDb?.url;
  let offset = 0;
  const clock = {
    now: () => new Date(Date.now() + offset),
    set(d: Date) { offset = d.getTime() - Date.now(); },
    advance(ms: number) { offset += ms; },
  };
  const config = { ...loadConfig({ DATA_KEY: TEST_DATA_KEY, ...opts.env, DATA_DIR: dataDir }), databaseUrl, loadDemoData: true };
  const statements = opts.countStatements ? new StatementLog() : undefined;
  const ctx = await createAppContext(config, { clock, ...(statements ? { onStatement: statements.record } : {}) });
  const metrics = await instrumentContext(ctx, config);
  const app = await buildHttpApp(ctx.deps, {
    secureCookies: false,
    webDir: path.join(ROOT, 'web', 'dist'),
    examplesDir: path.join(ROOT, 'assets', 'examples'),
    trustProxy: false,
    logger: process.env.TEST_LOG === '1',
    metrics: metrics.metrics,
    failOnDroppedFields: true,
    ...opts.http,
  });
  ctx.startWorkers();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    metricsUrl: metrics.port === undefined ? undefined : `http://127.0.0.1:${metrics.port}/metrics`,
    deps: ctx.deps,
    dataDir,
    databaseUrl,
    clock,
    statements,
    async close() {
      await app.close();
      await metrics.close();
      await ctx.close();
      if (shared) return;
      await pgDb?.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
