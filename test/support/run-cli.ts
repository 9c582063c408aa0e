import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { TEST_DATA_KEY, type TestServer } from './start-server.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface CliResult {
  /** The exit code; null when a signal ended the process (its output then says which). */
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command of src/cli/ as an operator does (`node --import tsx src/cli/<name>.ts`,
 * with the Node that runs the tests) and returns its exit code and output; a non-zero exit
 * is a result, not an error.
 */
export async function runCli(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  try {
    const r = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli', `${name}.ts`), ...args], { cwd: ROOT, env });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code?: unknown; signal?: string | null; stdout?: string; stderr?: string };
    if (typeof err.code !== 'number' && !err.signal) throw e; // it did not start at all
    const signal = err.signal ? `\n(ended by ${err.signal})` : '';
    return { code: typeof err.code === 'number' ? err.code : null, stdout: err.stdout ?? '', stderr: (err.stderr ?? '') + signal };
  }
}

/** The environment of a command run next to a test server: its data directory, database and key. */
export function cliEnvFor(server: TestServer, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATA_DIR: server.dataDir,
    DATABASE_URL: server.databaseUrl ?? '',
    DATA_KEY: TEST_DATA_KEY,
    NODE_ENV: 'development',
    ...extra,
  };
}
