import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made: string[] = [];
// The folders go when the test process ends, passed or failed.
process.once('exit', () => { for (const dir of made) rmSync(dir, { recursive: true, force: true }); });

/** Writes files (path → content) into a fresh temp folder and returns its path. */
export function writeTempFiles(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'specmesh-test-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return dir;
}

/** A minimal valid AsyncAPI 2.6 spec with the given id and channels block (YAML, indented by 2). */
export const spec2 = (id: string, channels: string): string =>
  `asyncapi: '2.6.0'\nid: '${id}'\ninfo:\n  title: T\n  version: '1'\nchannels:\n${channels}`;
