import { parentPort } from 'node:worker_threads';
import { loadSpecFile } from './load-spec-file.js';
import type { ExtractOptions } from '../extract-domain.js';

interface Job { id: number; absFile: string; displayFile: string; text: string; options: ExtractOptions }

parentPort?.on('message', (job: Job) => {
  loadSpecFile(job.absFile, job.displayFile, job.text, job.options).then(
    (result) => parentPort?.postMessage({ id: job.id, result }),
    (err: unknown) => parentPort?.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) }),
  );
});
