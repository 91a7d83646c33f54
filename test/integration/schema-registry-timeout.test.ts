// A registry that accepts connections and never answers (here a TCP server that reads requests and
// sends nothing back): `plan` fails within a bounded time, by default and as set by
// --schema-registry-timeout or SPECMESH_SCHEMA_REGISTRY_TIMEOUT, saying what happened and what to do.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSchemaRegistry } from '../../src/adapters/registry/http-schema-registry.js';
import { SchemaRegistryError } from '../../src/schema/schema-registry-error.js';
import { writeTempFiles } from '../support/temp-specs.js';
import { runCli } from './support/cli.js';

const dir = writeTempFiles({
  'orders-api.yaml': `asyncapi: '2.6.0'
id: 'urn:acme.hung.orders'
info: { title: Orders, version: '1' }
channels:
  _public.order_placed:
    publish:
      message:
        payload: { $ref: schema/order_placed.avsc }
`,
  'schema/order_placed.avsc': JSON.stringify({ type: 'record', name: 'OrderPlaced', namespace: 'acme.hung.orders', fields: [{ name: 'id', type: 'string' }] }),
});

let server: Server;
const sockets = new Set<Socket>();
let url: string;
let connections = 0;
let requests = 0;

beforeAll(async () => {
  server = createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('data', (d) => {
      if (/^(GET|POST|PUT|DELETE) /.test(d.toString('latin1'))) requests++;
    });
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  url = `http://127.0.0.1:${address.port}/apis/ccompat/v7`;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Runs `plan` against the hung registry; how long it took, in ms. */
async function planAgainstHungRegistry(extra: string[] = [], env: Record<string, string> = {}) {
  const started = Date.now();
  const result = await runCli(['plan', '--spec', dir, '--schema-registry-url', url, ...extra], env, { timeoutMs: 90_000 });
  return { ...result, ms: Date.now() - started };
}

describe('a schema registry that never answers', () => {
  it('fails plan within 20 s by default, naming the registry, the time waited and the fix', async () => {
    const r = await planAgainstHungRegistry();
    expect(r.code, r.stderr).toBe(1);
    expect(r.ms).toBeLessThan(20_000);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`the schema registry at ${url} did not answer within 10 s`);
    expect(r.stderr).toContain('--schema-registry-timeout');
    expect(r.stderr).toContain('SPECMESH_SCHEMA_REGISTRY_TIMEOUT');
  });

  it('fails plan within the time --schema-registry-timeout sets', async () => {
    const before = connections;
    const r = await planAgainstHungRegistry(['--schema-registry-timeout', '2']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('did not answer within 2 s');
    // Well under the default: the CLI's own start (loading, validating the spec) adds 2-3 s on these machines.
    expect(r.ms).toBeLessThan(10_000);
    expect(connections).toBeGreaterThan(before);
  });

  it('takes the time from SPECMESH_SCHEMA_REGISTRY_TIMEOUT too', async () => {
    const r = await planAgainstHungRegistry([], { SPECMESH_SCHEMA_REGISTRY_TIMEOUT: '1.5' });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain('did not answer within 1.5 s');
    expect(r.ms).toBeLessThan(10_000);
  });

  it('prints the failure as JSON on stdout with --format json', async () => {
    const r = await planAgainstHungRegistry(['--schema-registry-timeout', '1', '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      formatVersion: 1,
      errors: [{
        code: 'schema-registry-timeout', summary: expect.stringContaining('did not answer within 1 s'), fix: expect.stringContaining('--schema-registry-timeout'),
        file: null, line: null, column: null,
      }],
    });
  });

  it('bounds each call, retries included: two attempts, then a timeout error', async () => {
    const registry = httpSchemaRegistry({ url, timeoutMs: 2_000 });
    const before = requests;
    const started = Date.now();
    try {
      const e = await registry.listSubjects().then(() => undefined, (err: unknown) => err);
      const ms = Date.now() - started;
      expect(e).toBeInstanceOf(SchemaRegistryError);
      expect((e as SchemaRegistryError).kind).toBe('timeout');
      expect(ms).toBeGreaterThanOrEqual(1_900);
      expect(ms).toBeLessThan(2_600);
      expect(requests - before).toBe(2);
    } finally {
      const closing = Date.now();
      await registry.close();
      expect(Date.now() - closing).toBeLessThan(500);
    }
  });

  it('refuses a timeout that is not a positive number of seconds, before dialling anything', async () => {
    const before = connections;
    const r = await planAgainstHungRegistry(['--schema-registry-timeout', 'soon']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--schema-registry-timeout');
    expect(r.stderr).toContain('"soon"');
    expect(connections).toBe(before);
  });
});
