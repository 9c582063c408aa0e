import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A real small filesystem (tmpfs) mounted over a directory, to provoke ENOSPC and EROFS
 * honestly: needs root with CAP_SYS_ADMIN (CI runs as root). `canMountTinyVolumes()`
 * tells whether this machine allows it.
 */
export async function mountTinyVolume(dir: string, sizeKb: number) {
  await fs.mkdir(dir, { recursive: true });
  await run('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0755`, 'tmpfs', dir]);
  return {
    dir,
    readOnly: (on: boolean) => run('mount', ['-o', `remount,${on ? 'ro' : 'rw'}`, dir]).then(() => undefined),
    freeBytes: async () => {
      const s = await fs.statfs(dir);
      return s.bavail * s.bsize;
    },
    unmount: () => run('umount', [dir]).then(() => undefined),
  };
}

export async function canMountTinyVolumes(): Promise<boolean> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'medexam-vol-probe-'));
  try {
    const v = await mountTinyVolume(dir, 64);
    await v.unmount();
    return true;
  } catch {
    return false;
  } finally {
    await fs.rmdir(dir).catch(() => undefined);
  }
}
