// vitest setupFile of every project: this worker's temp dir (os.tmpdir(), and TMPDIR of every
// process a test starts) is the run's own, which leftovers-check.ts requires to be empty at the end.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

const dir = inject('testTmpDir');
if (dir) {
  process.env.TMPDIR = dir;
  process.env.TMP = dir;
  process.env.TEMP = dir;
}
// bin/run.js keeps Node 22+'s compile cache, by default in os.tmpdir(): the CLI runs of the tests
// keep theirs in the servers' .cache/ instead, which persists between runs and is not a leftover.
process.env.NODE_COMPILE_CACHE ??= path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../.cache/node-compile-cache');
