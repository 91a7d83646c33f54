import path from 'node:path';
import { rmSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../../../src/spec/load/load-specs.js';
import type { Diagnostic } from '../../../src/core/diagnostic.js';
import { spec2, writeTempFiles } from '../../support/temp-specs.js';

async function load(files: Record<string, string>, options: Parameters<typeof loadSpecs>[1] = {}) {
  const dir = writeTempFiles(files);
  return { dir, ...(await loadSpecs([dir], { cacheDir: false, cwd: dir, ...options })) };
}
const errors = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error');
const find = (ds: Diagnostic[], code: string) => ds.find((d) => d.code === code);
const AVRO = (name: string) => JSON.stringify({ type: 'record', name, namespace: 'acme.orders', fields: [{ name: 'id', type: 'string' }] });

const spec3 = (body: string) => `asyncapi: 3.0.0\nid: 'urn:acme.orders'\ninfo: { title: T, version: '1' }\n${body}`;

describe('$refs are followed as @asyncapi/parser follows them', () => {
  it('reads a channel, its bindings and its Kafka binding through $refs, into other files too', async () => {
    const r = await load({
      'a-api.yaml': spec2('urn:acme.orders', `  _public.placed:
    $ref: 'channels/placed.yaml'
  _public.paid:
    bindings:
      $ref: '#/components/channelBindings/six'
    publish: {}
  _public.shipped:
    bindings:
      kafka:
        $ref: '#/components/channelBindings/six/kafka'
    publish: {}
components:
  channelBindings:
    six:
      kafka: { partitions: 6, configs: { retention.ms: 1000 } }
`),
      'channels/placed.yaml': 'bindings:\n  kafka:\n    partitions: 4\n    topicConfiguration: { cleanup.policy: compact }\npublish: {}\n',
    });
    expect(errors(r.diagnostics)).toEqual([]);
    expect(r.domains[0]!.produces.map((t) => [t.name, t.partitions, t.configs])).toEqual([
      ['acme.orders._public.placed', 4, { 'cleanup.policy': 'compact' }],
      ['acme.orders._public.paid', 6, { 'retention.ms': '1000' }],
      ['acme.orders._public.shipped', 6, { 'retention.ms': '1000' }],
    ]);
  });

  it('reports a problem inside a $ref\'d file at its own file and line', async () => {
    const r = await load({
      'a-api.yaml': spec2('urn:acme.orders', "  _public.placed:\n    $ref: 'channels/placed.yaml'\n"),
      'channels/placed.yaml': 'bindings:\n  kafka:\n    partitions: 0\npublish: {}\n',
    });
    expect(find(r.diagnostics, 'partitions-invalid')).toMatchObject({ location: { file: path.join('channels', 'placed.yaml'), line: 3 } });
  });

  it('names a $ref that points nowhere, at the $ref, with the fix', async () => {
    const r = await load({ 'a-api.yaml': spec2('urn:acme.orders', "  _public.placed:\n    $ref: '#/components/channels/nope'\n") });
    expect(find(r.diagnostics, 'ref-unresolved')).toMatchObject({ severity: 'error', location: { file: 'a-api.yaml', line: 8 }, fix: expect.stringContaining('$ref') });
    const missing = await load({ 'a-api.yaml': spec2('urn:acme.orders', "  _public.placed:\n    $ref: 'channels/missing.yaml'\n") });
    expect(find(missing.diagnostics, 'ref-unresolved')?.summary).toContain('does not exist');
  });

  it('finds a payload schema file through components and in an external message file', async () => {
    const r = await load({
      'a-api.yaml': spec2('urn:acme.orders', `  _public.placed:
    publish:
      message:
        payload:
          $ref: '#/components/schemas/Placed'
  _public.paid:
    publish:
      message:
        $ref: 'messages/paid.yaml'
components:
  schemas:
    Placed:
      $ref: 'schema/acme.orders.Placed.avsc'
`),
      'schema/acme.orders.Placed.avsc': AVRO('Placed'),
      'messages/paid.yaml': "payload:\n  $ref: '../schema/acme.orders.Paid.avsc'\n",
      'schema/acme.orders.Paid.avsc': AVRO('Paid'),
    });
    expect(errors(r.diagnostics)).toEqual([]);
    const [placed, paid] = r.domains[0]!.produces;
    expect(placed!.valueSchema).toMatchObject({ format: 'avro', file: path.join(r.dir, 'schema', 'acme.orders.Placed.avsc') });
    expect(paid!.valueSchema).toMatchObject({ format: 'avro', file: path.join(r.dir, 'schema', 'acme.orders.Paid.avsc') });
  });

  it('reports a missing schema file reached through components', async () => {
    const r = await load({
      'a-api.yaml': spec2('urn:acme.orders', "  _public.placed:\n    publish:\n      message:\n        payload:\n          $ref: '#/components/schemas/P'\ncomponents:\n  schemas:\n    P:\n      $ref: 'schema/nope.avsc'\n"),
    });
    expect(find(r.diagnostics, 'schema-missing-file')).toMatchObject({ location: { file: 'a-api.yaml', line: 15 } });
  });

  it('applies operation traits, so grants written in a trait count', async () => {
    const r = await load({
      'a-api.yaml': spec2('urn:acme.orders', `  _protected.paid:
    publish:
      traits:
        - $ref: '#/components/operationTraits/sharedWithPayments'
components:
  operationTraits:
    sharedWithPayments:
      tags: [{ name: 'grant-access:acme.payments' }]
`),
    });
    expect(errors(r.diagnostics)).toEqual([]);
    expect(r.domains[0]!.produces[0]!.grants).toEqual(['acme.payments']);
  });
});

describe('AsyncAPI 3 documents', () => {
  it('follows channel and operation $refs to components', async () => {
    const r = await load({
      'a-api.yaml': spec3(`channels:
  placed:
    $ref: '#/components/channels/placed'
operations:
  sendPlaced:
    $ref: '#/components/operations/sendPlaced'
components:
  channels:
    placed:
      address: _protected.placed
      bindings: { kafka: { partitions: 3 } }
      messages:
        placed: { payload: { type: object } }
  operations:
    sendPlaced:
      action: send
      channel: { $ref: '#/channels/placed' }
      messages: [{ $ref: '#/channels/placed/messages/placed' }]
      tags: [{ name: 'grant-access:acme.payments' }]
`),
    });
    expect(errors(r.diagnostics)).toEqual([]);
    expect(r.domains[0]!.produces.map((t) => [t.name, t.partitions, t.grants])).toEqual([['acme.orders._protected.placed', 3, ['acme.payments']]]);
  });

  it('reads a Multi Format Schema payload: its format and its file', async () => {
    const r = await load({
      'a-api.yaml': spec3(`channels:
  placed:
    address: _public.placed
    messages:
      placed:
        payload:
          schemaFormat: 'application/vnd.apache.avro;version=1.9.0'
          schema: { $ref: 'schema/placed.json' }
operations:
  sendPlaced: { action: send, channel: { $ref: '#/channels/placed' } }
`),
      'schema/placed.json': AVRO('Placed'),
    });
    expect(errors(r.diagnostics)).toEqual([]);
    expect(r.domains[0]!.produces[0]!.valueSchema).toMatchObject({ format: 'avro', file: path.join(r.dir, 'schema', 'placed.json') });
  });

  it('counts a message sent by two operations once', async () => {
    const r = await load({
      'a-api.yaml': spec3(`channels:
  placed:
    address: _public.placed
    messages: { m: { payload: { type: object } } }
operations:
  a: { action: send, channel: { $ref: '#/channels/placed' } }
  b: { action: send, channel: { $ref: '#/channels/placed' } }
`),
    });
    expect(find(r.diagnostics, 'several-messages')).toBeUndefined();
  });

  it('treats owned channels without operations like 2.x does, and grants nothing for a foreign channel no operation uses', async () => {
    const r = await load({
      'a-api.yaml': spec3(`channels:
  placed: { address: 'acme.orders._public.placed' }
  theirs: { address: 'acme.other._public.x' }
`),
    });
    expect(r.domains[0]!.produces.map((t) => t.name)).toEqual(['acme.orders._public.placed']);
    expect(r.domains[0]!.consumes).toEqual([]);
    expect(find(r.diagnostics, 'channel-unused')).toMatchObject({ severity: 'warning', location: { line: 6 } });
  });
});

describe('naming rules', () => {
  it('refuses a channel that is only a visibility segment', async () => {
    const r = await load({ 'a-api.yaml': spec2('urn:acme.orders', '  _public:\n    publish: {}\n') });
    expect(find(r.diagnostics, 'channel-name-missing')).toMatchObject({ severity: 'error', location: { line: 7 }, fix: expect.stringContaining('_public.<name>') });
  });

  it('refuses an own channel without a visibility segment, and says how to name it', async () => {
    const r = await load({ 'a-api.yaml': spec2('urn:acme.orders', '  acme.orders.events:\n    publish: {}\n') });
    expect(find(r.diagnostics, 'channel-visibility-missing')).toMatchObject({ severity: 'error', fix: expect.stringContaining('acme.orders._public.events') });
  });

  it('grants no read of a foreign channel a 2.x spec neither produces nor consumes', async () => {
    const r = await load({ 'a-api.yaml': spec2('urn:acme.orders', '  acme.other._public.x: {}\n  acme.other._public.y:\n    subscribe: {}\n') });
    expect(r.domains[0]!.consumes.map((c) => c.name)).toEqual(['acme.other._public.y']);
    expect(find(r.diagnostics, 'channel-unused')).toMatchObject({ location: { line: 7 } });
  });
});

describe('reading values and files', () => {
  it('keeps a long config value exact (no double rounding)', async () => {
    const r = await load({ 'a-api.yaml': spec2('urn:acme.orders', '  _public.x:\n    bindings:\n      kafka:\n        configs: { retention.bytes: 9223372036854775807, retention.ms: 604800000 }\n    publish: {}\n') });
    expect(r.domains[0]!.produces[0]!.configs).toEqual({ 'retention.bytes': '9223372036854775807', 'retention.ms': '604800000' });
  });

  it('reports YAML aliases that expand without bound in that file, and still loads the others', async () => {
    const bomb = `asyncapi: '2.6.0'\nid: urn:acme.bomb\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n`;
    const r = await load({ 'bomb-api.yaml': bomb, 'ok-api.yaml': spec2('urn:acme.ok', '  _public.x:\n    publish: {}\n') });
    expect(find(r.diagnostics, 'yaml-aliases')).toMatchObject({ location: { file: 'bomb-api.yaml' }, fix: expect.any(String) });
    expect(r.domains.map((d) => d.id)).toEqual(['acme.ok']);
  });

  it('finds a spec in a folder whose `asyncapi` key comes after a long license header', async () => {
    const header = Array.from({ length: 120 }, (_, i) => `# Licensed under the Apache License, line ${i}`).join('\n');
    const r = await load({ 'a-api.yaml': `${header}\n${spec2('urn:acme.orders', '  _public.x:\n    publish: {}\n')}` });
    expect(r.domains.map((d) => d.id)).toEqual(['acme.orders']);
  });

  it('fails validation on a schema file that is not a schema, at the place in that file, naming the $ref', async () => {
    const r = await load({
      'a-api.yaml': spec2('urn:acme.orders', "  _public.x:\n    publish:\n      message:\n        payload:\n          $ref: 'schema/broken.avsc'\n"),
      'schema/broken.avsc': '{"type":"record", "name": ',
    });
    expect(find(r.diagnostics, 'schema-invalid')).toMatchObject({
      severity: 'error', location: { file: 'schema/broken.avsc', line: 1, column: 27 },
      summary: expect.stringMatching(/^Cannot parse broken\.avsc: Value expected at line 1, column 27; used by the value schema of topic "acme\.orders\._public\.x" through the `\$ref` at a-api\.yaml:11:\d+$/),
    });
  });

  it('sees through the cache when a SpecMesh-style /schema/… file goes away', async () => {
    const files = {
      'a-api.yaml': spec2('urn:acme.orders', "  _public.x:\n    publish:\n      message:\n        payload:\n          $ref: '/schema/acme.orders.X.avsc'\n"),
      'schema/acme.orders.X.avsc': AVRO('X'),
    };
    const dir = writeTempFiles(files);
    const cacheDir = path.join(dir, '.cache');
    const first = await loadSpecs([path.join(dir, 'a-api.yaml')], { cacheDir, cwd: dir });
    expect(first.ok).toBe(true);
    rmSync(path.join(dir, 'schema', 'acme.orders.X.avsc'));
    const second = await loadSpecs([path.join(dir, 'a-api.yaml')], { cacheDir, cwd: dir });
    expect(second.stats.cached).toBe(0);
    expect(find(second.diagnostics, 'schema-ref-absolute')).toBeDefined();
    writeFileSync(path.join(dir, 'schema', 'acme.orders.X.avsc'), AVRO('X'));
    const third = await loadSpecs([path.join(dir, 'a-api.yaml')], { cacheDir, cwd: dir });
    expect(third.stats.cached).toBe(0);
    expect(third.ok).toBe(true);
  });
});
