import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);

export interface NodeProcess {
  child: ChildProcess;
  /** Set once the node listens. */
  baseUrl: string;
  port: number;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal) once the process ends. */
  exited: Promise<number | null>;
}

/**
 * One server node as an operator runs it, in its own process: `node dist/main.js` (the
 * build, as `npm run serve`) or, for suites that run without a build, src/main.ts via tsx.
 * Resolves once it listens; rejects with its output if it exits first.
 */
export async function spawnNode(env: Record<string, string>, opts: { build?: boolean; timeoutMs?: number } = {}): Promise<NodeProcess> {
  const dataDir = env.DATA_DIR ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'medexam-node-')));
  const args = opts.build ? [path.join(ROOT, 'dist/main.js')] : ['--import', 'tsx', path.join(ROOT, 'src/main.ts')];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const node: NodeProcess = { child, baseUrl: '', port: 0, output: () => out, exited };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`node did not listen within ${opts.timeoutMs ?? 90_000} ms:\n${out}`)), opts.timeoutMs ?? 90_000);
    const check = () => {
      const m = /Listening on http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        node.port = Number(m[1]);
        node.baseUrl = `http://127.0.0.1:${node.port}`;
        resolve();
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`node exited (${code}) before listening:\n${out}`));
    });
  });
  return node;
}

/** Runs the server entry point expecting it to refuse to start; returns its exit code and output. */
export async function startExpectingFailure(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  try {
    const node = await spawnNode(env, { timeoutMs: 60_000 });
    node.child.kill('SIGKILL');
    return { code: 0, output: node.output() };
  } catch (e) {
    const m = /node exited \((\w+)\) before listening:\n([\s\S]*)$/.exec((e as Error).message);
    if (!m) throw e;
    return { code: m[1] === 'null' ? null : Number(m[1]), output: m[2]! };
  }
}
