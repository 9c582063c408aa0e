import fs from 'node:fs/promises';
import path from 'node:path';
import type { SmsSender } from '../../ports/sms-sender.js';

/**
 * The default SMS "gateway": one JSON line per message in a log file, for operators to
 * read or forward. Like a real gateway it drops a message whose idempotency key it has
 * already accepted, so a job retried after a crash is not sent twice.
 */
export class LogFileSmsSender implements SmsSender {
  private seen: Set<string> | undefined;
  private chain: Promise<void> = Promise.resolve();
  constructor(private readonly file: string) {}

  private async load(): Promise<Set<string>> {
    if (this.seen) return this.seen;
    const seen = new Set<string>();
    try {
      for (const line of (await fs.readFile(this.file, 'utf8')).split('\n')) {
        if (!line) continue;
        try {
          seen.add(JSON.parse(line).idempotencyKey);
        } catch {
          /* a torn last line from a crash: ignore */
        }
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    this.seen = seen;
    return seen;
  }

  send(message: { to: string; text: string; idempotencyKey: string }): Promise<void> {
    const run = async () => {
      const seen = await this.load();
      if (seen.has(message.idempotencyKey)) return;
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      const fh = await fs.open(this.file, 'a', 0o600);
      try {
        await fh.appendFile(JSON.stringify({ at: new Date().toISOString(), ...message }) + '\n');
        await fh.sync();
      } finally {
        await fh.close();
      }
      seen.add(message.idempotencyKey);
    };
    this.chain = this.chain.then(run, run);
    return this.chain;
  }
}
