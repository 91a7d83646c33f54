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
