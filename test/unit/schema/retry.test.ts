import { describe, expect, it } from 'vitest';
import { classifyHttpError, classifyTransportError } from '../../../src/adapters/registry/classify-registry-error.js';
import { withRetry } from '../../../src/adapters/registry/retry.js';
import { SchemaRegistryError } from '../../../src/schema/schema-registry-error.js';

describe('registry errors and retries', () => {
  it('retries retriable errors with growing waits, then gives up', async () => {
    const waits: number[] = [];
    let calls = 0;
    const failing = withRetry(async () => {
      calls++;
      throw new SchemaRegistryError('server', 'boom', { retriable: true });
    }, { retries: 3, baseMs: 100, sleep: async (ms) => void waits.push(ms) });
    await expect(failing).rejects.toThrow('boom');
    expect(calls).toBe(4);
    expect(waits).toHaveLength(3);
    expect(waits[2]!).toBeGreaterThanOrEqual(200);
  });

  it('does not retry what retrying cannot fix, and waits as long as the server asks', async () => {
    let calls = 0;
    await expect(withRetry(async () => {
      calls++;
      throw new SchemaRegistryError('incompatible', 'no');
    }, { sleep: async () => undefined })).rejects.toThrow('no');
    expect(calls).toBe(1);
    const waits: number[] = [];
    let n = 0;
    const slow = new SchemaRegistryError('throttled', 'slow down', { retriable: true });
    slow.retryAfterMs = 2_000;
    expect(await withRetry(async () => {
      if (n++ === 0) throw slow;
      return 'ok';
    }, { baseMs: 10, waitHint: (e) => (e as SchemaRegistryError).retryAfterMs, sleep: async (ms) => void waits.push(ms) })).toBe('ok');
    expect(waits).toEqual([2_000]);
  });

  it('starts no attempt past the deadline, and tells the attempt whether it is the last', async () => {
    let clock = 0;
    const attempts: { index: number; last: boolean }[] = [];
    const failing = withRetry(async (attempt) => {
      attempts.push(attempt);
      clock += 1_000;
      throw new SchemaRegistryError('timeout', 'no answer', { retriable: true });
    }, {
      retries: 4, baseMs: 100, deadline: 2_050, now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    });
    await expect(failing).rejects.toThrow('no answer');
    expect(attempts.map((a) => a.index)).toEqual([0, 1]);
    expect(clock).toBeLessThanOrEqual(2_100);
    const last: boolean[] = [];
    await expect(withRetry(async (attempt) => {
      last.push(attempt.last);
      throw new SchemaRegistryError('server', 'boom', { retriable: true });
    }, { retries: 2, sleep: async () => undefined })).rejects.toThrow('boom');
    expect(last).toEqual([false, false, true]);
  });

  it('classifies no answer in time as a timeout, naming the time and the setting that changes it', () => {
    const e = classifyTransportError(Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }), 'list subjects', 'http://sr', 15_000);
    expect(e).toMatchObject({ kind: 'timeout', retriable: true });
    expect(e.message).toBe('Cannot list subjects: the schema registry at http://sr did not answer within 15 s (it accepted the connection and sent nothing back)');
    expect(e.fix).toContain('--schema-registry-timeout');
    expect(classifyTransportError(Object.assign(new Error('x'), { code: 'UND_ERR_HEADERS_TIMEOUT' }), 'x', 'u', 1_500).message).toContain('within 1.5 s');
  });

  it('classifies HTTP answers by status, keeping the registry\'s message and error code', () => {
    const conflict = classifyHttpError(409, { error_code: 409, message: 'Incompatible artifact' }, 'register a schema under subject "s"', 'http://sr');
    expect(conflict).toMatchObject({ kind: 'incompatible', status: 409, retriable: false });
    expect(conflict.message).toBe('Cannot register a schema under subject "s" (schema registry at http://sr answered HTTP 409: Incompatible artifact)');
    expect(classifyHttpError(422, { error_code: 42201, message: 'Invalid schema' }, 'x', 'u')).toMatchObject({ kind: 'invalid', errorCode: 42201 });
    expect(classifyHttpError(401, undefined, 'x', 'u')).toMatchObject({ kind: 'authentication', fix: expect.stringContaining('--schema-registry-user') });
    expect(classifyHttpError(503, undefined, 'x', 'u')).toMatchObject({ kind: 'server', retriable: true });
    expect(classifyHttpError(429, undefined, 'x', 'u')).toMatchObject({ kind: 'throttled', retriable: true });
  });

  it('classifies transport failures: TLS is not retriable, a refused connection is', () => {
    const tls = classifyTransportError(Object.assign(new Error('fetch failed'), { cause: { code: 'SELF_SIGNED_CERT_IN_CHAIN' } }), 'list subjects', 'https://sr');
    expect(tls).toMatchObject({ kind: 'tls', retriable: false });
    const refused = classifyTransportError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), 'list subjects', 'http://sr');
    expect(refused).toMatchObject({ kind: 'unreachable', retriable: true });
    expect(refused.message).toBe('Cannot list subjects: the schema registry at http://sr cannot be reached (ECONNREFUSED)');
  });
});
