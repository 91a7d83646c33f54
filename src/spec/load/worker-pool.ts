import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface WorkerPoolOptions {
  /**
   * Jobs a worker holds at once. A worker parses one document at a time anyway (parsing is CPU
   * work), so a second job only hides the message round trip; every job posted beyond that sits in
   * the worker's heap, half-parsed, and the heap grows to hold them all.
   */
  inFlightPerWorker?: number;
}

interface Queued<J, R> { job: J; resolve: (r: R) => void; reject: (e: Error) => void }

/**
 * Runs jobs on a few worker threads, each job a structured-clonable message answered by one
 * `{ id, result | error }`. Jobs wait in this thread until a worker has room, so a worker holds
 * only the documents it is working on. Returns undefined when the compiled worker script is not
 * there (running from TypeScript sources), so callers fall back to working in-process.
 */
export function createWorkerPool<J, R>(scriptUrl: URL, size: number, options: WorkerPoolOptions = {}): ((job: J) => Promise<R>) & { close(): Promise<void> } | undefined {
  const script = fileURLToPath(scriptUrl);
  if (!existsSync(script) || size < 1) return undefined;
  const perWorker = Math.max(1, options.inFlightPerWorker ?? 2);
  const queue: Queued<J, R>[] = [];
  const live = new Map<Worker, Map<number, Queued<J, R>>>();
  let nextId = 0;
  let closing = false;

  const fail = (w: Worker, err: Error): void => {
    const held = live.get(w);
    if (!held) return;
    live.delete(w);
    for (const q of held.values()) q.reject(err);
    // No worker left to take the rest: they fail with the same error.
    if (live.size === 0) for (const q of queue.splice(0)) q.reject(err);
    pump();
  };

  const pump = (): void => {
    for (const [w, held] of live) {
      while (held.size < perWorker && queue.length > 0) {
        const q = queue.shift()!;
        const id = nextId++;
        held.set(id, q);
        try {
          w.postMessage({ ...q.job, id });
        } catch (err) {
          // A job that cannot be sent (not clonable) fails alone.
          held.delete(id);
          q.reject(err instanceof Error ? err : new Error(String(err)));
        }
      }
    }
  };

  for (let i = 0; i < size; i++) {
    const w = new Worker(script);
    live.set(w, new Map());
    w.on('message', (msg: { id: number; result?: R; error?: string }) => {
      const held = live.get(w);
      const q = held?.get(msg.id);
      held?.delete(msg.id);
      if (msg.error !== undefined) q?.reject(new Error(msg.error));
      else q?.resolve(msg.result as R);
      pump();
    });
    w.on('error', (err) => fail(w, err));
    w.on('exit', (code) => {
      if (!closing) fail(w, new Error(`a spec parsing worker stopped (exit code ${code})`));
    });
  }

  const run = (job: J): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      if (live.size === 0) {
        reject(new Error('no spec parsing worker is running'));
        return;
      }
      queue.push({ job, resolve, reject });
      pump();
    });
  return Object.assign(run, {
    close: async () => {
      closing = true;
      const workers = [...live.keys()];
      live.clear();
      for (const q of queue.splice(0)) q.reject(new Error('the worker pool was closed'));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  });
}

export const defaultWorkerCount = (jobs: number): number =>
  jobs < 16 ? 0 : Math.max(1, Math.min(jobs >> 3, (os.availableParallelism?.() ?? os.cpus().length)));
