import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** USER_HZ: /proc reports CPU times in these ticks; 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;
const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);

/**
 * Starts the real server in its own process with a fresh data dir: src/main.ts through tsx,
 * or with `dist: true` the built dist/main.js as production runs it (`npm run build:server`
 * first) — tsx's loader thread and transform caches add ~tens of MB of RSS per isolate.
 */
export async function spawnServer(env: Record<string, string> = {}, options: { dist?: boolean } = {}): Promise<{ baseUrl: string; pid: number; peakRssMb(): Promise<number>; cpuSeconds(): Promise<number>; cpuSecondsByThread(): Promise<{ main: number; others: number }>; stop(): Promise<void> }> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'medexam-bench-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child: ChildProcess = spawn(process.execPath, [...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean), ...(options.dist ? [path.join(ROOT, 'dist/main.js')] : ['--import', 'tsx', path.join(ROOT, 'src/main.ts')])], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG: 'off', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  let exited = false;
  child.once('exit', () => (exited = true));
  // Start-up (migrations, demo data, the workers' glyph atlases) takes 20 s and more on a busy machine.
  for (let i = 0; i < 1800 && !exited; i++) {
    try {
      if ((await fetch(`${baseUrl}/api/v1/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl,
    pid: child.pid!,
    async peakRssMb() {
      const status = await fs.readFile(`/proc/${child.pid}/status`, 'utf8');
      const m = /VmHWM:\s+(\d+) kB/.exec(status);
      return m ? Number(m[1]) / 1024 : NaN;
    },
    /** User + system CPU time the server process (all its threads) has used so far. */
    async cpuSeconds() {
      const stat = await fs.readFile(`/proc/${child.pid}/stat`, 'utf8');
      // Fields after the ")" that ends the command name: utime is the 12th, stime the 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    },
    /** CPU seconds of the main thread (the event loop: HTTP, SQL, sessions) and of all other threads. */
    async cpuSecondsByThread() {
      let main = 0;
      let others = 0;
      for (const tid of await fs.readdir(`/proc/${child.pid}/task`).catch(() => [] as string[])) {
        const stat = await fs.readFile(`/proc/${child.pid}/task/${tid}/stat`, 'utf8').catch(() => '');
        if (!stat) continue; // thread ended meanwhile
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const s = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
        if (Number(tid) === child.pid) main += s;
        else others += s;
      }
      return { main, others };
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
