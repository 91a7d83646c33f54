import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
// Importing this module registers, in the test file that imports it (each file gets its own copy
// of the module), an afterAll that removes every folder the file made, passed or failed.
// (A process 'exit' handler would not do: vitest's workers end without running it.)
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes files (path → content) into a fresh temp folder and returns its path; removed once the test file's tests are done. */
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
