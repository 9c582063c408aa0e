import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(new URL('../..', import.meta.url).pathname);

/** Free TCP ports on 127.0.0.1 (bound together, then released), for processes that must keep their port across restarts. */
export async function freePorts(n: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: n }, () => new Promise<net.Server>((resolve) => {
      const s = net.createServer();
      s.listen(0, '127.0.0.1', () => resolve(s));
    })),
  );
  const ports = servers.map((s) => (s.address() as net.AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

/**
 * deploy/haproxy.cfg as shipped, with only the listening address and the server lines
 * replaced (and the health-check interval shortened so the test does not wait 4 s for a
 * dead node to be marked down; retries and redispatch cover that window anyway).
 */
export async function haproxyConfigFor(listenPort: number, nodePorts: number[]): Promise<string> {
  const template = await fs.readFile(path.join(ROOT, 'deploy/haproxy.cfg'), 'utf8');
  const lines = template.split('\n');
  const out: string[] = [];
  let serversWritten = false;
  for (const line of lines) {
    if (/^\s*bind\s/.test(line)) {
      out.push(`    bind 127.0.0.1:${listenPort}`);
    } else if (/^\s*server\s/.test(line)) {
      if (!serversWritten) nodePorts.forEach((p, i) => out.push(`    server node${i + 1} 127.0.0.1:${p}`));
      serversWritten = true;
    } else {
      out.push(line.replace(/\binter 2s\b/, 'inter 500ms'));
    }
  }
  if (!serversWritten) throw new Error('deploy/haproxy.cfg has no server lines to replace');
  return out.join('\n');
}

export interface Haproxy {
  baseUrl: string;
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export async function startHaproxy(configText: string, dir: string, listenPort: number): Promise<Haproxy> {
  const file = path.join(dir, 'haproxy.cfg');
  await fs.writeFile(file, configText);
  const child = spawn('haproxy', ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d) => (out = (out + d).slice(-20_000)));
  child.stderr!.on('data', (d) => (out = (out + d).slice(-20_000)));
  const exited = new Promise<void>((r) => child.on('exit', () => r()));
  return {
    baseUrl: `http://127.0.0.1:${listenPort}`,
    child,
    output: () => out,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000, detail?: () => string): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${detail ? `:\n${detail()}` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
