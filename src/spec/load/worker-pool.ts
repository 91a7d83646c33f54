import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Runs jobs on a few worker threads, each job a structured-clonable message answered by one
 * `{ id, result | error }`. Returns undefined when the compiled worker script is not there
 * (running from TypeScript sources), so callers fall back to working in-process.
 */
export function createWorkerPool<J, R>(scriptUrl: URL, size: number): ((job: J) => Promise<R>) & { close(): Promise<void> } | undefined {
  const script = fileURLToPath(scriptUrl);
  if (!existsSync(script) || size < 1) return undefined;
  const workers = Array.from({ length: size }, () => new Worker(script));
  const pending = new Map<number, { resolve: (r: R) => void; reject: (e: Error) => void }>();
  const load = new Map<Worker, number>(workers.map((w) => [w, 0]));
  let nextId = 0;
  for (const w of workers) {
    w.on('message', (msg: { id: number; result?: R; error?: string }) => {
      load.set(w, (load.get(w) ?? 1) - 1);
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error !== undefined) p?.reject(new Error(msg.error));
      else p?.resolve(msg.result as R);
    });
    w.on('error', (err) => {
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    });
  }
  const run = (job: J): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      const worker = [...load.entries()].sort((a, b) => a[1] - b[1])[0]![0];
      load.set(worker, (load.get(worker) ?? 0) + 1);
      worker.postMessage({ ...job, id });
    });
  return Object.assign(run, { close: async () => { await Promise.all(workers.map((w) => w.terminate())); } });
}

export const defaultWorkerCount = (jobs: number): number =>
  jobs < 16 ? 0 : Math.max(1, Math.min(jobs >> 3, (os.availableParallelism?.() ?? os.cpus().length)));
