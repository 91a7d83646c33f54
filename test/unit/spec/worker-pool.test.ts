import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkerPool } from '../../../src/spec/load/worker-pool.js';

// A worker that answers each job after a while with how many jobs it was holding, and dies on request.
const WORKER = `
import { parentPort, threadId } from 'node:worker_threads';
let holding = 0;
parentPort.on('message', (job) => {
  if (job.crash) process.exit(3);
  holding++;
  const held = holding;
  setTimeout(() => {
    holding--;
    if (job.fail) parentPort.postMessage({ id: job.id, error: 'failed ' + job.n });
    else parentPort.postMessage({ id: job.id, result: { n: job.n, held, thread: threadId } });
  }, job.ms ?? 5);
});
`;

describe('the worker pool', () => {
  let dir: string;
  let script: URL;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'specmesh-pool-'));
    writeFileSync(path.join(dir, 'worker.mjs'), WORKER);
    script = pathToFileURL(path.join(dir, 'worker.mjs'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  type Job = { n: number; ms?: number; fail?: boolean; crash?: boolean };
  type Result = { n: number; held: number; thread: number };

  it('answers every job, and gives a worker no more jobs at once than allowed', async () => {
    const pool = createWorkerPool<Job, Result>(script, 2, { inFlightPerWorker: 2 })!;
    try {
      const results = await Promise.all(Array.from({ length: 40 }, (_, n) => pool({ n })));
      expect(results.map((r) => r.n)).toEqual(Array.from({ length: 40 }, (_, n) => n));
      expect(Math.max(...results.map((r) => r.held))).toBeLessThanOrEqual(2);
      expect(new Set(results.map((r) => r.thread)).size).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('rejects a job its worker failed, and goes on with the others', async () => {
    const pool = createWorkerPool<Job, Result>(script, 1, { inFlightPerWorker: 1 })!;
    try {
      const settled = await Promise.allSettled([pool({ n: 0 }), pool({ n: 1, fail: true }), pool({ n: 2 })]);
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((settled[1] as PromiseRejectedResult).reason.message).toBe('failed 1');
    } finally {
      await pool.close();
    }
  });

  it('rejects a job that cannot be sent to a worker, and goes on with the others', async () => {
    const pool = createWorkerPool<Job & { fn?: () => void }, Result>(script, 1, { inFlightPerWorker: 1 })!;
    try {
      const settled = await Promise.allSettled([pool({ n: 0, fn: () => undefined }), pool({ n: 1 }), pool({ n: 2 })]);
      expect(settled.map((s) => s.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    } finally {
      await pool.close();
    }
  });

  it('rejects the jobs of a worker that died; the other worker takes the rest', async () => {
    const pool = createWorkerPool<Job, Result>(script, 2, { inFlightPerWorker: 1 })!;
    try {
      const settled = await Promise.allSettled([pool({ n: 0, crash: true }), ...Array.from({ length: 10 }, (_, i) => pool({ n: i + 1 }))]);
      expect(settled[0]!.status).toBe('rejected');
      expect(settled.slice(1).every((s) => s.status === 'fulfilled')).toBe(true);
      expect(new Set(settled.slice(1).map((s) => (s as PromiseFulfilledResult<Result>).value.thread)).size).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('rejects every job when no worker is left', async () => {
    const pool = createWorkerPool<Job, Result>(script, 1, { inFlightPerWorker: 1 })!;
    try {
      const settled = await Promise.allSettled([pool({ n: 0, crash: true }), pool({ n: 1 }), pool({ n: 2 })]);
      expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
      await expect(pool({ n: 3 })).rejects.toThrow();
    } finally {
      await pool.close();
    }
  });

  it('is not made without a compiled worker script, so callers parse in-process', () => {
    expect(createWorkerPool(pathToFileURL(path.join(dir, 'missing.mjs')), 2)).toBeUndefined();
    expect(createWorkerPool(script, 0)).toBeUndefined();
  });
});
