// vitest setupFile of every project: this worker's temp dir (os.tmpdir(), and TMPDIR of every
// process a test starts) is the run's own, which leftovers-check.ts requires to be empty at the end.
import { inject } from 'vitest';

const dir = inject('testTmpDir');
if (dir) {
  process.env.TMPDIR = dir;
  process.env.TMP = dir;
  process.env.TEMP = dir;
}
