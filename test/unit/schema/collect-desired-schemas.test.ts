import { promises as fs } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectDesiredSchemas, type CollectOptions } from '../../../src/schema/collect-desired-schemas.js';
import { loadSpecs } from '../../../src/spec/load/load-specs.js';
import { writeTempFiles } from '../../support/temp-specs.js';

const AVRO = 'application/vnd.apache.avro+json;version=1.9.0';

async function collect(files: Record<string, string>, options: Partial<CollectOptions> = {}) {
  const dir = writeTempFiles(files);
  const load = await loadSpecs([dir], { cacheDir: false, cwd: dir });
  expect(load.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return collectDesiredSchemas(load.domains, {
    inlineSchemas: false, cwd: dir, compatibilityOf: () => 'BACKWARD',
    readText: (f) => fs.readFile(f, 'utf8').catch(() => undefined), ...options,
  });
}

function spec(domain: string, channels: string): string {
  return `asyncapi: '2.6.0'\nid: 'urn:${domain}'\ninfo: { title: t, version: '1' }\nchannels:\n${channels}`;
}
const produced = (name: string, payload: string, binding = '') => `  ${name}:
    publish:
      operationId: p_${name.replace(/\W/g, '_')}
      message:
        schemaFormat: '${AVRO}'
        bindings:
          kafka:
            bindingVersion: '0.4.0'${binding}
        payload:
          $ref: ${payload}
`;
const rec = (ns: string, name: string, ...uses: string[]) =>
  JSON.stringify({ type: 'record', name, namespace: ns, fields: uses.map((u, i) => ({ name: `f${i}`, type: u })) });

describe('desired schema subjects', () => {
  it('registers produced channels only; consumed ones and inline schemas (by default) register nothing', async () => {
    const r = await collect({
      'a-api.yaml': spec('acme.a', `${produced('_public.made', 'schema/acme.a.Made.avsc', '\n            key:\n              type: long')}  acme.b._public.other:
    subscribe:
      operationId: consume
      message:
        payload:
          $ref: schema/acme.b.Other.avsc
`),
      'schema/acme.a.Made.avsc': rec('acme.a', 'Made'),
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.subjects.map((s) => s.subject)).toEqual(['acme.a._public.made-value']);
  });

  it('reads an inline `type: long` key as Avro when inline schemas are asked for', async () => {
    const r = await collect({
      'a-api.yaml': spec('acme.a', produced('_public.made', 'schema/acme.a.Made.avsc', '\n            key:\n              type: long')),
      'schema/acme.a.Made.avsc': rec('acme.a', 'Made'),
    }, { inlineSchemas: true });
    expect(r.subjects.map((s) => `${s.subject} ${s.schemaType} ${s.schema}`)).toEqual([
      `acme.a._public.made-value AVRO ${rec('acme.a', 'Made')}`,
      'acme.a._public.made-key AVRO {"type":"long"}',
    ]);
  });

  it('registers only the domain\'s own exact namespace, and lists nested-namespace and other domains\' types as required', async () => {
    const r = await collect({
      'a-api.yaml': spec('acme.a', produced('_public.made', 'schema/acme.a.Made.avsc')),
      'schema/acme.a.Made.avsc': rec('acme.a', 'Made', 'acme.a.Own', 'acme.a.sub.Part', 'acme.ab.Lookalike', 'shared.Money'),
      'schema/acme.a.Own.avsc': rec('acme.a', 'Own'),
      'schema/acme.a.sub.Part.avsc': rec('acme.a.sub', 'Part'),
      'schema/acme.ab.Lookalike.avsc': rec('acme.ab', 'Lookalike'),
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.subjects.map((s) => s.subject)).toEqual(['acme.a.Own', 'acme.a._public.made-value']);
    expect(r.subjects[1]!.references).toEqual([
      { name: 'acme.a.Own', subject: 'acme.a.Own' },
      { name: 'acme.a.sub.Part', subject: 'acme.a.sub.Part' },
      { name: 'acme.ab.Lookalike', subject: 'acme.ab.Lookalike' },
      { name: 'shared.Money', subject: 'shared.Money' },
    ]);
    expect(r.foreign.map((f) => f.subject).sort()).toEqual(['acme.a.sub.Part', 'acme.ab.Lookalike', 'shared.Money']);
  });

  it('references a type defined in another channel\'s schema file under that channel\'s subject, and orders that subject first', async () => {
    const r = await collect({
      'a-api.yaml': spec('acme.a', [
        produced('_public.orders', 'schema/acme.a.Order.avsc'),
        produced('_public.customers', 'schema/acme.a._public.customers.avsc'),
      ].join('')),
      'schema/acme.a.Order.avsc': rec('acme.a', 'Order', 'Customer', 'acme.a.Address'),
      'schema/acme.a._public.customers.avsc': JSON.stringify({ type: 'record', name: 'Customer', namespace: 'acme.a', fields: [
        { name: 'home', type: { type: 'record', name: 'Address', fields: [{ name: 'street', type: 'string' }] } },
      ] }),
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.subjects.map((s) => s.subject)).toEqual(['acme.a._public.customers-value', 'acme.a._public.orders-value']);
    expect(r.subjects[1]!.references).toEqual([
      { name: 'acme.a.Customer', subject: 'acme.a._public.customers-value' },
      { name: 'acme.a.Address', subject: 'acme.a._public.customers-value' },
    ]);
    expect(r.subjects[1]!.avro?.referenced.map((t) => t.name)).toEqual(['acme.a.Customer']);
    expect(r.foreign).toEqual([]);
  });

  it('refuses channels whose schemas take types from each other, naming the cycle', async () => {
    const r = await collect({
      'a-api.yaml': spec('acme.a', [
        produced('_public.ping', 'schema/acme.a._public.ping.avsc'),
        produced('_public.pong', 'schema/acme.a._public.pong.avsc'),
      ].join('')),
      'schema/acme.a._public.ping.avsc': JSON.stringify({ type: 'record', name: 'Ping', namespace: 'acme.a', fields: [{ name: 'p', type: 'Pong' }, { name: 'e', type: { type: 'enum', name: 'PingKind', symbols: ['A'] } }] }),
      'schema/acme.a._public.pong.avsc': rec('acme.a', 'Pong', 'PingKind'),
    });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['schema-reference-cycle']);
    expect(r.diagnostics[0]!.summary).toBe('Cyclic schema references between subjects: "acme.a._public.ping-value" (schema/acme.a._public.ping.avsc) → "acme.a._public.pong-value" (schema/acme.a._public.pong.avsc) → "acme.a._public.ping-value" (schema/acme.a._public.ping.avsc); each would have to be registered before the other');
    expect(r.diagnostics[0]!.fix).toContain('Move the shared types into a schema file of their own');
  });

  it('honours a field\'s "subject" attribute: the referenced type is registered and referenced under that subject', async () => {
    const r = await collect({
      'a-api.yaml': spec('acme.a', [
        produced('_public.made', 'schema/acme.a.Made.avsc'),
        produced('_public.other', 'schema/acme.a.Other.avsc'),
      ].join('')),
      'schema/acme.a.Made.avsc': JSON.stringify({ type: 'record', name: 'Made', namespace: 'acme.a', fields: [
        { name: 'user', type: ['null', 'acme.a.User'], default: null, subject: 'acme.a.user-subject' },
        { name: 'money', type: 'shared.Money', subject: 'shared-money' },
      ] }),
      'schema/acme.a.Other.avsc': rec('acme.a', 'Other', 'acme.a.User'),
      'schema/acme.a.User.avsc': rec('acme.a', 'User'),
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.subjects.map((s) => s.subject)).toEqual(['acme.a.user-subject', 'acme.a._public.made-value', 'acme.a._public.other-value']);
    expect(r.subjects[1]!.references).toEqual([
      { name: 'acme.a.User', subject: 'acme.a.user-subject' },
      { name: 'shared.Money', subject: 'shared-money' },
    ]);
    // The attribute names the type's subject for every schema of the spec that uses it.
    expect(r.subjects[2]!.references).toEqual([{ name: 'acme.a.User', subject: 'acme.a.user-subject' }]);
    expect(r.foreign).toEqual([expect.objectContaining({ name: 'shared.Money', subject: 'shared-money' })]);
  });

  it('refuses a "subject" attribute it cannot honour, at its line, saying why', async () => {
    const field = (f: object) => JSON.stringify({ type: 'record', name: 'Made', namespace: 'acme.a', fields: [f] }, null, 2);
    const cases: [object, string][] = [
      [{ name: 'n', type: 'int', subject: 'x' }, 'Field "n" in acme.a.Made.avsc has "subject": "x", but its type uses no named type from another schema'],
      [{ name: 'n', type: 'acme.a.User', subject: 7 }, 'Field "n" in acme.a.Made.avsc has "subject": 7, which is not a subject name (a non-empty string)'],
      [{ name: 'n', type: ['acme.a.User', 'acme.a.Shop'], subject: 'x' }, 'uses 2 named types from other schemas (acme.a.User, acme.a.Shop), so which one it names is ambiguous'],
      [{ name: 'n', type: 'acme.a.Customer', subject: 'x' }, 'but "acme.a.Customer" is defined in the schema of channel "acme.a._public.customers" (acme.a._public.customers.avsc), which is registered under subject "acme.a._public.customers-value"'],
    ];
    for (const [f, says] of cases) {
      const dir = writeTempFiles({
        'a-api.yaml': spec('acme.a', produced('_public.made', 'schema/acme.a.Made.avsc') + produced('_public.customers', 'schema/acme.a._public.customers.avsc')),
        'schema/acme.a.Made.avsc': field(f),
        'schema/acme.a._public.customers.avsc': rec('acme.a', 'Customer'),
        'schema/acme.a.User.avsc': rec('acme.a', 'User'),
        'schema/acme.a.Shop.avsc': rec('acme.a', 'Shop'),
      });
      const load = await loadSpecs([dir], { cacheDir: false, cwd: dir });
      const errors = load.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => d.code)).toEqual(['schema-subject-attribute']);
      expect(errors[0]!.summary).toContain(says);
      const line = field(f).split('\n').findIndex((l) => l.includes('"subject"')) + 1;
      expect(errors[0]!.location).toMatchObject({ file: 'schema/acme.a.Made.avsc', line });
      expect(errors[0]!.fix).toContain('Give `"subject"` only on a field whose type is one named type from another schema');
    }
  });

  it('refuses two "subject" attributes that give one type different subjects, naming both places', async () => {
    const uses = (name: string, subject: string) => JSON.stringify({ type: 'record', name, namespace: 'acme.a', fields: [{ name: 'u', type: 'acme.a.User', subject }] }, null, 2);
    const r = await collect({
      'a-api.yaml': spec('acme.a', produced('_public.one', 'schema/acme.a.One.avsc') + produced('_public.two', 'schema/acme.a.Two.avsc')),
      'schema/acme.a.One.avsc': uses('One', 'users-1'),
      'schema/acme.a.Two.avsc': uses('Two', 'users-2'),
      'schema/acme.a.User.avsc': rec('acme.a', 'User'),
    });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['schema-subject-attribute']);
    expect(r.diagnostics[0]!.summary).toBe('Type "acme.a.User" is given two subjects by "subject" attributes: "users-1" at schema/acme.a.One.avsc:9 and "users-2" at schema/acme.a.Two.avsc:9; a type is registered and referenced under one subject');
    expect(r.diagnostics[0]!.location).toMatchObject({ file: 'schema/acme.a.Two.avsc', line: 9 });
  });

  it('refuses an unknown lookup strategy, a record strategy without a name, and two schemas for one subject', async () => {
    const r = await collect({
      'a-api.yaml': spec('acme.a', [
        produced('_public.odd', 'schema/acme.a.Made.avsc', '\n            schemaLookupStrategy: FancyStrategy'),
        produced('_public.unnamed', 'schema/union.avsc', '\n            schemaLookupStrategy: RecordNameStrategy'),
        produced('_public.same', 'schema/acme.a.Made.avsc', '\n            schemaLookupStrategy: SimpleTopicIdStrategy\n            key:\n              $ref: schema/acme.a.Key.avsc'),
      ].join('')),
      'schema/acme.a.Made.avsc': rec('acme.a', 'Made'),
      'schema/acme.a.Key.avsc': rec('acme.a', 'Key'),
      'schema/union.avsc': '["null", "string"]',
    });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['schema-lookup-strategy-unknown', 'schema-subject-unnamed', 'schema-subject-conflict']);
    expect(r.diagnostics[2]!.summary).toBe('Subject "acme.a._public.same" would get two different schemas: schema/acme.a.Made.avsc and schema/acme.a.Key.avsc');
  });

  it('reports a default that does not fit its type when the spec is loaded, at the default in the schema file, naming the $ref', async () => {
    const dir = writeTempFiles({
      'a-api.yaml': spec('acme.a', produced('_public.made', 'schema/acme.a.Made.avsc')),
      'schema/acme.a.Made.avsc': '{"type":"record","name":"Made","namespace":"acme.a","fields":[{"name":"x","type":"int","default":"text"}]}',
    });
    const load = await loadSpecs([dir], { cacheDir: false, cwd: dir });
    expect(load.ok).toBe(false);
    expect(load.diagnostics.filter((d) => d.severity === 'error')).toEqual([expect.objectContaining({
      code: 'schema-invalid',
      summary: 'acme.a.Made.avsc is not a valid Avro schema: The default of field "x" in record "acme.a.Made", "text", is not a valid int; used by the value schema of topic "acme.a._public.made" through the `$ref` at a-api.yaml:14:11',
      location: { file: 'schema/acme.a.Made.avsc', line: 1, column: 98 },
    })]);
  });
});
