import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../../../src/spec/load/load-specs.js';
import type { Diagnostic } from '../../../src/core/diagnostic.js';
import { spec2, writeTempFiles } from '../../support/temp-specs.js';

async function load(files: Record<string, string>, options: Parameters<typeof loadSpecs>[1] = {}) {
  const dir = writeTempFiles(files);
  return loadSpecs([dir], { cacheDir: false, cwd: dir, ...options });
}

const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error');
const find = (ds: Diagnostic[], code: string) => ds.find((d) => d.code === code);

describe('spec validation reports every problem with file, line, column and fix', () => {
  it('rejects a missing id', async () => {
    const r = await load({ 'a.yaml': `asyncapi: '2.6.0'\ninfo:\n  title: T\n  version: '1'\nchannels: {}\n` });
    expect(r.ok).toBe(false);
    expect(find(r.diagnostics, 'id-invalid')).toMatchObject({ location: { file: 'a.yaml', line: 1 }, fix: expect.stringContaining('urn:') });
  });

  it('rejects a malformed id and names the bad segment', async () => {
    const r = await load({ 'a.yaml': spec2('urn:acme..retail', '  _public.x:\n    publish: {}\n') });
    const d = find(r.diagnostics, 'id-invalid');
    expect(d?.location).toMatchObject({ file: 'a.yaml', line: 2, column: 1 });
    expect(d?.summary).toContain('"urn:acme..retail"');
  });

  it('maps urn ids with colons to dotted domains', async () => {
    const r = await load({ 'a.yaml': spec2('urn:acme:retail:orders', '  _public.x:\n    publish: {}\n') });
    expect(r.ok).toBe(true);
    expect(r.domains[0]?.produces[0]?.name).toBe('acme.retail.orders._public.x');
  });

  it('rejects illegal and over-long topic names', async () => {
    const long = 'x'.repeat(240);
    const r = await load({ 'a.yaml': spec2('urn:acme.orders', `  _public.bad name:\n    publish: {}\n  _public.${long}:\n    publish: {}\n`) });
    const ds = r.diagnostics.filter((d) => d.code === 'topic-name-illegal');
    expect(ds).toHaveLength(2);
    expect(ds[0]).toMatchObject({ location: { line: 7, column: 3 } });
    expect(ds[0]?.summary).toContain('" "');
    expect(ds[1]?.summary).toContain('at most 249');
  });

  it('rejects partitions and replicas below 1 and names the value', async () => {
    const r = await load({ 'a.yaml': spec2('urn:acme.orders', '  _public.x:\n    bindings:\n      kafka:\n        partitions: 0\n        replicas: -1\n    publish: {}\n') });
    expect(find(r.diagnostics, 'partitions-invalid')).toMatchObject({ location: { line: 10, column: 9 } });
    expect(find(r.diagnostics, 'partitions-invalid')?.summary).toBe('Invalid topic "acme.orders._public.x": partitions must be a whole number >= 1 (got 0)');
    expect(find(r.diagnostics, 'replicas-invalid')).toMatchObject({ location: { line: 11 } });
  });

  it('rejects producing to another domain\'s topic', async () => {
    const r = await load({ 'a.yaml': spec2('urn:acme.orders', '  acme.payments._public.settled:\n    publish: {}\n') });
    expect(find(r.diagnostics, 'produce-foreign')).toMatchObject({ location: { line: 7 } });
  });

  it('reports YAML syntax errors with their position and skips the rest of that file', async () => {
    const r = await load({ 'a.yaml': `asyncapi: '2.6.0'\nid: urn:acme.a\ninfo:\n  title: [oops\n  version: '1'\n` });
    const d = find(r.diagnostics, 'yaml-syntax');
    expect(d?.location?.file).toBe('a.yaml');
    expect(d?.location?.line).toBeGreaterThanOrEqual(4);
    expect(errors(r.diagnostics).every((e) => e.code === 'yaml-syntax')).toBe(true);
  });

  it('rejects a $ref to a missing schema file', async () => {
    const r = await load({ 'a.yaml': spec2('urn:acme.orders', '  _public.x:\n    publish:\n      message:\n        payload:\n          $ref: schema/nope.avsc\n') });
    const d = find(r.diagnostics, 'schema-missing-file');
    expect(d?.location).toMatchObject({ line: 11, column: 11 });
    expect(d?.summary).toContain(path.join('schema', 'nope.avsc'));
  });

  it('rejects two topics that differ only by "." and "_"', async () => {
    const r = await load({
      'a.yaml': spec2('urn:acme.orders', '  _public.order.placed:\n    publish: {}\n'),
      'b.yaml': spec2('urn:acme.orders_x', '  _public.y:\n    publish: {}\n  _public.order_placed:\n    publish: {}\n'),
      'c.yaml': spec2('urn:acme.stock', '  _public.a_b:\n    publish: {}\n  _public.a.b:\n    publish: {}\n'),
    });
    const d = r.diagnostics.filter((x) => x.code === 'topic-collision');
    expect(d).toHaveLength(1);
    expect(d[0]?.summary).toContain('acme.stock._public.a');
  });

  it('rejects grant-access tags that do not name a domain', async () => {
    const r = await load({ 'a.yaml': spec2('urn:acme.orders', '  _protected.x:\n    publish:\n      tags:\n        - name: "grant-access:not a domain!"\n') });
    expect(find(r.diagnostics, 'grant-invalid')).toMatchObject({ location: { line: 10 } });
  });

  it('rejects configs and topicConfiguration that disagree, and accepts them when they agree', async () => {
    const r = await load({ 'a.yaml': spec2('urn:acme.orders', '  _public.x:\n    bindings:\n      kafka:\n        topicConfiguration:\n          retention.ms: 1000\n          cleanup.policy: [delete, compact]\n        configs:\n          retention.ms: 2000\n          cleanup.policy: "delete,compact"\n    publish: {}\n') });
    const ds = r.diagnostics.filter((x) => x.code === 'configs-disagree');
    expect(ds).toHaveLength(1);
    expect(ds[0]).toMatchObject({ location: { line: 14 } });
    expect(ds[0]?.summary).toContain('"1000"');
  });

  it('rejects the same domain in two files', async () => {
    const r = await load({ 'a.yaml': spec2('urn:acme.orders', '  _public.x:\n    publish: {}\n'), 'b.yaml': spec2('urn:acme.orders', '  _public.y:\n    publish: {}\n') });
    expect(find(r.diagnostics, 'domain-duplicate')?.summary).toContain('a.yaml and b.yaml');
  });

  it('rejects topic configs MSK Serverless refuses, only for that variant', async () => {
    const files = { 'a.yaml': spec2('urn:acme.orders', '  _public.x:\n    bindings:\n      kafka:\n        partitions: 3\n        configs:\n          retention.ms: 604800000\n          min.insync.replicas: 2\n          max.message.bytes: 1048576\n    publish: {}\n') };
    const serverless = await load(files, { kafkaVariant: 'msk-serverless' });
    const ds = serverless.diagnostics.filter((x) => x.code === 'serverless-config').map((d) => d.summary);
    expect(ds).toEqual([
      'Topic "acme.orders._public.x": "retention.ms" must be at most 1 day (86400000) on MSK Serverless (got 604800000)',
      'Topic "acme.orders._public.x": MSK Serverless does not allow setting "min.insync.replicas"',
    ].sort((a, b) => (a.includes('retention') ? -1 : 1) - (b.includes('retention') ? -1 : 1)));
    expect((await load(files)).ok).toBe(true);
  });

  it('collects problems from every file in one run', async () => {
    const r = await load({
      'a.yaml': spec2('urn:acme.a', '  _public.x:\n    bindings:\n      kafka:\n        partitions: 0\n    publish: {}\n'),
      'b.yaml': spec2('urn:acme.b', '  acme.a._public.x:\n    publish: {}\n'),
    });
    expect(new Set(errors(r.diagnostics).map((d) => d.location?.file))).toEqual(new Set(['a.yaml', 'b.yaml']));
  });

  it('keeps AsyncAPI style lints out of the errors', async () => {
    const r = await load({ 'a.yaml': spec2('urn:acme.a', '  _public.x:\n    publish: {}\n') });
    expect(r.ok).toBe(true);
    expect(r.diagnostics.some((d) => d.severity === 'info' && d.code.startsWith('asyncapi/'))).toBe(true);
  });

  it('reports AsyncAPI schema errors from the parser with their line', async () => {
    const r = await load({ 'a.yaml': `asyncapi: '2.6.0'\nid: urn:acme.a\nchannels:\n  _public.x:\n    publish: {}\n` });
    expect(r.ok).toBe(false);
    expect(errors(r.diagnostics).some((d) => d.code.startsWith('asyncapi/') && d.summary.includes('info'))).toBe(true);
  });
});

describe('SpecMesh naming and bindings', () => {
  it('reads AsyncAPI 3.0 send/receive operations, addresses and channel tags', async () => {
    const v3 = `asyncapi: 3.0.0
id: urn:acme.pay
info: { title: P, version: '1' }
channels:
  settled:
    address: _protected.settled
    tags: [{ name: 'grant-access:acme.orders' }]
    bindings:
      kafka: { partitions: 4, replicas: 2, topicConfiguration: { retention.ms: 1000 } }
  _private.ledger: {}
  orders:
    address: acme.orders._public.placed
operations:
  send:
    action: send
    channel: { $ref: '#/channels/settled' }
  recv:
    action: receive
    channel: { $ref: '#/channels/orders' }
`;
    const r = await load({ 'p.yaml': v3 });
    expect(r.ok).toBe(true);
    const d = r.domains[0]!;
    expect(d.produces.map((t) => [t.name, t.partitions, t.replicationFactor, t.configs, t.grants])).toEqual([
      ['acme.pay._protected.settled', 4, 2, { 'retention.ms': '1000' }, ['acme.orders']],
      ['acme.pay._private.ledger', 1, undefined, {}, []],
    ]);
    expect(d.consumes.map((c) => [c.name, c.owner, c.visibility])).toEqual([['acme.orders._public.placed', 'acme.orders', 'public']]);
  });

  it('maps legacy "/" channel names and names already prefixed with the domain', async () => {
    const r = await load({ 'a.yaml': spec2('urn:acme.a', '  _public/user/signed_up:\n    publish: {}\n  acme.a._private.x:\n    publish: {}\n') });
    expect(r.domains[0]?.produces.map((t) => t.name)).toEqual(['acme.a._public.user.signed_up', 'acme.a._private.x']);
  });

  it('selects topics by environment with --env', async () => {
    const files = { 'a.yaml': spec2('urn:acme.a', '  _public.x:\n    bindings:\n      kafka:\n        envs: [prod]\n    publish: {}\n  _public.y:\n    publish: {}\n') };
    expect((await load(files, { env: 'dev' })).domains[0]?.produces.map((t) => t.name)).toEqual(['acme.a._public.y']);
    expect((await load(files, { env: 'prod' })).domains[0]?.produces).toHaveLength(2);
    expect((await load(files)).domains[0]?.produces).toHaveLength(2);
  });

  it('takes the schema format from schemaFormat, else the file extension', async () => {
    const r = await load({
      'a.yaml': spec2('urn:acme.a', '  _public.x:\n    publish:\n      message:\n        payload: { $ref: s/x.avsc }\n        bindings:\n          kafka:\n            key: { $ref: s/k.proto }\n  _public.y:\n    publish:\n      message:\n        schemaFormat: application/vnd.apache.avro;version=1.9.0\n        payload: { $ref: s/y.json }\n'),
      's/x.avsc': '{"type":"string"}', 's/k.proto': 'syntax = "proto3"; message K { string id = 1; }', 's/y.json': '{"type":"string"}',
    });
    expect(r.ok).toBe(true);
    const [x, y] = r.domains[0]!.produces;
    expect([x?.valueSchema?.format, x?.keySchema?.format, y?.valueSchema?.format]).toEqual(['avro', 'protobuf', 'avro']);
  });
});
