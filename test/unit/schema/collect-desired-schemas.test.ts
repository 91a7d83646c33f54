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

  it('registers the domain\'s own and sub-namespace types, and lists other domains\' types as required', async () => {
    const r = await collect({
      'a-api.yaml': spec('acme.a', produced('_public.made', 'schema/acme.a.Made.avsc')),
      'schema/acme.a.Made.avsc': rec('acme.a', 'Made', 'acme.a.sub.Part', 'acme.ab.Lookalike', 'shared.Money'),
      'schema/acme.a.sub.Part.avsc': rec('acme.a.sub', 'Part'),
      'schema/acme.ab.Lookalike.avsc': rec('acme.ab', 'Lookalike'),
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.subjects.map((s) => s.subject)).toEqual(['acme.a.sub.Part', 'acme.a._public.made-value']);
    expect(r.subjects[1]!.references).toEqual([
      { name: 'acme.a.sub.Part', subject: 'acme.a.sub.Part' },
      { name: 'acme.ab.Lookalike', subject: 'acme.ab.Lookalike' },
      { name: 'shared.Money', subject: 'shared.Money' },
    ]);
    expect(r.foreign.map((f) => f.subject).sort()).toEqual(['acme.ab.Lookalike', 'shared.Money']);
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
