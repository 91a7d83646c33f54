import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * `mkdir -p`. Not `fs.mkdir(dir, { recursive: true })`: under a folder that refuses new entries
 * with ENOENT although it exists (`/proc`, some FUSE mounts) Node's recursive mkdir retries
 * forever at full CPU. This creates each missing parent once and gives up with the error.
 */
export async function makeDir(dir: string): Promise<void> {
  const target = path.resolve(dir);
  try {
    await fs.mkdir(target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if ((await fs.stat(target)).isDirectory()) return;
      throw err;
    }
    const parent = path.dirname(target);
    if (code !== 'ENOENT' || parent === target) throw err;
    await makeDir(parent);
    await fs.mkdir(target).catch(async (again: NodeJS.ErrnoException) => {
      if (again.code !== 'EEXIST' || !(await fs.stat(target)).isDirectory()) throw again;
    });
  }
}
