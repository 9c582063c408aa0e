import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../src/config.js';
import { createAppContext } from '../../src/app-context.js';
import { buildHttpApp } from '../../src/http/app.js';
import type { Deps } from '../../src/services/deps.js';
import type { Clock } from '../../src/ports/clock.js';
import { createPostgresDatabase, type DbKind } from './databases.js';

export interface TestServer {
  baseUrl: string;
  deps: Deps;
  dataDir: string;
  /** The PostgreSQL database of this server (undefined on SQLite, whose file is in dataDir). */
  databaseUrl: string | undefined;
  /** Moves the server's clock; starts at real time. */
  clock: Clock & { set(d: Date): void; advance(ms: number): void };
  close(): Promise<void>;
}

const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);

/** The real server (real database, real image pipeline, real HTTP) on a free port, with demo data. */
export async function startTestServer(opts: { db?: DbKind; env?: Record<string, string> } = {}): Promise<TestServer> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'medexam-'));
  const pgDb = opts.db === 'postgres' ? await createPostgresDatabase() : null;
  let offset = 0;
  const clock = {
    now: () => new Date(Date.now() + offset),
    set(d: Date) { offset = d.getTime() - Date.now(); },
    advance(ms: number) { offset += ms; },
  };
  const config = { ...loadConfig({ DATA_DIR: dataDir, ...opts.env }), databaseUrl: pgDb?.url, loadDemoData: true };
  const ctx = await createAppContext(config, { clock });
  const app = await buildHttpApp(ctx.deps, {
    secureCookies: false,
    webDir: path.join(ROOT, 'web', 'dist'),
    examplesDir: path.join(ROOT, 'assets', 'examples'),
    trustProxy: false,
    logger: process.env.TEST_LOG === '1',
  });
  ctx.startWorkers();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    deps: ctx.deps,
    dataDir,
    databaseUrl: pgDb?.url,
    clock,
    async close() {
      await app.close();
      await ctx.close();
      await pgDb?.drop();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
