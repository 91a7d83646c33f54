// The HTTP adapter against the real registry, directly and through an HTTPS gateway with basic
// auth: a CA file, API key and secret, retries, and errors that say what to do and never hold the
// secret.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSchemaRegistry } from '../../src/adapters/registry/http-schema-registry.js';
import { SchemaRegistryError } from '../../src/schema/schema-registry-error.js';
import { useSchemaRegistry } from '../servers/schema-registry-fixture.js';
import { startTlsRegistryProxy, type TlsRegistryProxy } from '../servers/schema-registry-tls-proxy.js';

const failure = async (p: Promise<unknown>): Promise<SchemaRegistryError> => {
  const e = await p.then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(SchemaRegistryError);
  return e as SchemaRegistryError;
};

describe('schema registry adapter', () => {
  const sr = useSchemaRegistry();
  let proxy: TlsRegistryProxy;
  beforeAll(async () => {
    proxy = await startTlsRegistryProxy(sr.url);
  });
  afterAll(async () => {
    await proxy?.stop();
  });

  it('talks TLS with a CA file and basic auth (API key and secret)', async () => {
    const client = httpSchemaRegistry({ url: proxy.url, username: proxy.username, password: proxy.password, caFile: proxy.caFile });
    try {
      const schema = JSON.stringify({ type: 'record', name: 'Tls', namespace: 'acme.adapter', fields: [{ name: 'a', type: 'int' }] });
      const { id } = await client.register('acme.adapter._public.tls-value', { schemaType: 'AVRO', schema, references: [] });
      expect(await client.register('acme.adapter._public.tls-value', { schemaType: 'AVRO', schema, references: [] })).toEqual({ id });
      expect(await client.getVersion('acme.adapter._public.tls-value', 'latest')).toMatchObject({ id, version: 1, schemaType: 'AVRO' });
      expect(await client.listSubjects()).toContain('acme.adapter._public.tls-value');
      expect(client.displayUrl).toBe(proxy.url);
    } finally {
      await client.close();
    }
  });

  it('takes credentials written into the URL, and never shows them', async () => {
    const u = new URL(proxy.url);
    u.username = proxy.username;
    u.password = proxy.password;
    const client = httpSchemaRegistry({ url: u.toString(), caFile: proxy.caFile });
    try {
      expect(Array.isArray(await client.listSubjects())).toBe(true);
      expect(client.displayUrl).not.toContain(proxy.password);
    } finally {
      await client.close();
    }
  });

  it('says the certificate is not trusted, and how to fix it, without a CA file', async () => {
    const client = httpSchemaRegistry({ url: proxy.url, username: proxy.username, password: proxy.password, retries: 0 });
    try {
      const e = await failure(client.listSubjects());
      expect(e.kind).toBe('tls');
      expect(e.retriable).toBe(false);
      expect(e.fix).toContain('--schema-registry-ca');
    } finally {
      await client.close();
    }
  });

  it('reports rejected credentials without ever printing the secret, even when the server echoes it', async () => {
    const secret = 'wrong-secret-42';
    const client = httpSchemaRegistry({ url: proxy.url, username: proxy.username, password: secret, caFile: proxy.caFile, retries: 0 });
    try {
      const e = await failure(client.listSubjects());
      expect(e.kind).toBe('authentication');
      expect(e.status).toBe(401);
      expect(e.message).toContain('HTTP 401');
      expect(`${e.message} ${e.fix} ${e.stack}`).not.toContain(secret);
      expect(e.fix).toContain('SPECMESH_SCHEMA_REGISTRY_PASSWORD');
    } finally {
      await client.close();
    }
  });

  it('retries 503 and 429 answers with backoff, and gives up after its retries', async () => {
    const client = httpSchemaRegistry({ url: proxy.url, username: proxy.username, password: proxy.password, caFile: proxy.caFile, retries: 3, retryBaseMs: 20 });
    try {
      proxy.failNext(2, 503);
      const before = proxy.requests;
      expect(Array.isArray(await client.listSubjects())).toBe(true);
      expect(proxy.requests - before).toBe(3);

      proxy.failNext(1, 429);
      expect(Array.isArray(await client.listSubjects())).toBe(true);

      proxy.failNext(10, 500);
      const e = await failure(client.listSubjects());
      expect(e.kind).toBe('server');
      expect(e.retriable).toBe(true);
      expect(e.message).toContain('injected by the test gateway');
      proxy.failNext(0, 0);
    } finally {
      await client.close();
    }
  });

  it('classifies an unreachable registry as retriable, and a wrong base path with the fix', async () => {
    const down = httpSchemaRegistry({ url: 'http://127.0.0.1:9/apis/ccompat/v7', retries: 1, retryBaseMs: 10 });
    try {
      const e = await failure(down.listSubjects());
      expect(e.kind).toBe('unreachable');
      expect(e.retriable).toBe(true);
      expect(e.message).toContain('ECONNREFUSED');
    } finally {
      await down.close();
    }
    const wrongPath = httpSchemaRegistry({ url: new URL('/nope', sr.url).toString(), retries: 0 });
    try {
      const e = await failure(wrongPath.listSubjects());
      expect(['not-found', 'protocol']).toContain(e.kind);
      expect(e.fix).toContain('/apis/ccompat/v7');
    } finally {
      await wrongPath.close();
    }
  });

  it('reads what does not exist as absent, and refuses an invalid schema with the registry\'s words', async () => {
    expect(await sr.registry.getVersion('acme.adapter._public.none-value', 'latest')).toBeUndefined();
    expect(await sr.registry.listVersions('acme.adapter._public.none-value')).toBeUndefined();
    expect(await sr.registry.deleteSubject('acme.adapter._public.none-value')).toEqual([]);
    const e = await failure(sr.registry.register('acme.adapter._public.bad-value', { schemaType: 'AVRO', schema: '{"type":"recordx"}', references: [] }));
    expect(e.kind).toBe('invalid');
    expect(e.message).toContain('subject "acme.adapter._public.bad-value"');
  });
});
