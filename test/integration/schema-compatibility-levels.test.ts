// Plan checks what the registry checks: for each of the seven compatibility levels, a subject
// with three versions and a changed schema; the plan refuses exactly the schemas the registry then
// refuses to register. Each history makes some level differ from another (a schema compatible with
// the latest version but not an older one; one direction but not the other), in Avro, JSON Schema
// and Protobuf, and Avro with references.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { COMPATIBILITY_LEVELS, type CompatibilityLevel } from '../../src/spec/compatibility-level.js';
import { SchemaRegistryError } from '../../src/schema/schema-registry-error.js';
import type { PinnedReference, SchemaDefinition } from '../../src/schema/schema-registry-port.js';
import type { SchemaType } from '../../src/schema/schema-subject.js';
import { writeTempFiles } from '../support/temp-specs.js';
import { planSchemas, useSchemaRegistry, type RegistryHandle } from '../servers/schema-registry-fixture.js';

const FORMATS: Record<SchemaType, { schemaFormat: string; ext: string }> = {
  AVRO: { schemaFormat: 'application/vnd.apache.avro+json;version=1.9.0', ext: 'avsc' },
  JSON: { schemaFormat: 'application/schema+json;version=draft-07', ext: 'json' },
  PROTOBUF: { schemaFormat: 'application/vnd.google.protobuf;version=3', ext: 'proto' },
};

/** A changed schema over a history of three versions, and whether the registry takes it at each level. */
interface Case {
  name: string;
  schemaType: SchemaType;
  history: [string, string, string];
  candidate: string;
  /** The levels at which the registry registers the candidate (the others refuse it). */
  accepted: CompatibilityLevel[];
  /** Avro only: the named types every version references, registered first under their own subjects. */
  references?: { name: string; schema: string }[];
}

const ALL = [...COMPATIBILITY_LEVELS];
const record = (ns: string, ...fields: object[]) => JSON.stringify({ type: 'record', name: 'Levelled', namespace: ns, fields: [{ name: 'id', type: 'long' }, ...fields] });
const json = (maximum: number, extra: object = {}) => JSON.stringify({ type: 'object', properties: { n: { type: 'integer', maximum } }, ...extra });
const proto = (...fields: string[]) => `syntax = "proto3";\npackage acme.levels;\nmessage Levelled {\n${fields.map((f, i) => `  ${f} = ${i + 1};\n`).join('')}}\n`;
const protoAt = (fields: Record<number, string>) => `syntax = "proto3";\npackage acme.levels;\nmessage Levelled {\n${Object.entries(fields).map(([n, f]) => `  ${f} = ${n};\n`).join('')}}\n`;

function avroCases(ns: string, inner?: string): Case[] {
  // v1 {id, a:int=0}, v2 {id}, v3 {id, b:string} (each registered under NONE).
  const ref = inner ? [{ name: 'inner', type: inner }] : [];
  const history: [string, string, string] = [
    record(ns, ...ref, { name: 'a', type: 'int', default: 0 }),
    record(ns, ...ref),
    record(ns, ...ref, { name: 'b', type: 'string' }),
  ];
  const tag = inner ? 'avro_ref' : 'avro';
  return [
    // `a` comes back as a string: fine with v2 and v3, not with v1's int, either way.
    { name: `${tag}_retyped`, schemaType: 'AVRO', history, candidate: record(ns, ...ref, { name: 'b', type: 'string' }, { name: 'a', type: 'string', default: '' }),
      accepted: ['NONE', 'BACKWARD', 'FORWARD', 'FULL'] },
    // A new field without a default: v3's data cannot be read.
    { name: `${tag}_required_added`, schemaType: 'AVRO', history, candidate: record(ns, ...ref, { name: 'b', type: 'string' }, { name: 'd', type: 'int' }),
      accepted: ['NONE', 'FORWARD', 'FORWARD_TRANSITIVE'] },
    // `b` (no default in v3) dropped: v3 cannot read the new data.
    { name: `${tag}_required_dropped`, schemaType: 'AVRO', history, candidate: record(ns, ...ref, { name: 'e', type: 'int', default: 0 }),
      accepted: ['NONE', 'BACKWARD', 'BACKWARD_TRANSITIVE'] },
  ];
}

const jsonCases: Case[] = [
  // Maximum 50 reads everything v3 (max 10) wrote, not v1's (max 1000).
  { name: 'json_narrowing_history', schemaType: 'JSON', history: [json(1000), json(100), json(10)], candidate: json(50), accepted: ['NONE', 'BACKWARD'] },
  // Maximum 50 writes only what v3 (max 1000) reads, not what v1 (max 10) reads.
  { name: 'json_widening_history', schemaType: 'JSON', history: [json(10), json(100), json(1000)], candidate: json(50), accepted: ['NONE', 'FORWARD'] },
  // Only the description changes from v3: equal to v3 and v2 both ways, wider than v1.
  { name: 'json_doc_only', schemaType: 'JSON', history: [json(10), json(1000), json(1000, { description: 'a' })], candidate: json(1000, { description: 'b' }),
    accepted: ['NONE', 'BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FULL'] },
];

const protobufCases: Case[] = [
  // Field 4 removed without being reserved.
  { name: 'proto_field_removed', schemaType: 'PROTOBUF', history: [proto('string a'), proto('string a', 'int32 b'), proto('string a', 'int32 b', 'int32 c', 'int32 d')],
    candidate: proto('string a', 'int32 b', 'int32 c'), accepted: ['NONE', 'FORWARD', 'FULL', 'FULL_TRANSITIVE'] },
  // Field 2 comes back under another name and type: v3 never had it, v2 did.
  { name: 'proto_number_reused', schemaType: 'PROTOBUF', history: [proto('string a'), proto('string a', 'int32 b'), protoAt({ 1: 'string a', 5: 'int32 e' })],
    candidate: protoAt({ 1: 'string a', 2: 'int64 c', 5: 'int32 e' }), accepted: ['NONE', 'BACKWARD', 'FULL'] },
  // A field added.
  { name: 'proto_field_added', schemaType: 'PROTOBUF', history: [proto('string a'), proto('string a', 'int32 b'), proto('string a', 'int32 b', 'int32 c')],
    candidate: proto('string a', 'int32 b', 'int32 c', 'int32 d'), accepted: ['NONE', 'BACKWARD', 'BACKWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE'] },
];

const channelOf = (c: Case, level: CompatibilityLevel) => `_public.${c.name}_${level.toLowerCase()}`;

/** One spec with a channel per (case, level); each channel's binding sets its level. */
function specFiles(domain: string, cases: readonly Case[], levels: readonly CompatibilityLevel[]): Record<string, string> {
  const files: Record<string, string> = {};
  let channels = '';
  for (const c of cases) {
    const file = `schema/${c.name}.${FORMATS[c.schemaType].ext}`;
    files[file] = c.candidate;
    for (const r of c.references ?? []) files[`schema/${r.name}.avsc`] = r.schema;
    for (const level of levels) {
      channels += `  ${channelOf(c, level)}:
    publish:
      operationId: publish_${c.name}_${level.toLowerCase()}
      message:
        schemaFormat: '${FORMATS[c.schemaType].schemaFormat}'
        bindings:
          kafka:
            x-specmesh-compatibility: ${level}
        payload:
          $ref: ${file}
`;
    }
  }
  files['levels-api.yaml'] = `asyncapi: '2.6.0'\nid: 'urn:${domain}'\ninfo: { title: levels, version: '1' }\nx-specmesh-compatibility: NONE\nchannels:\n${channels}`;
  return files;
}

const definition = (c: Case, schema: string, references: PinnedReference[]): SchemaDefinition => ({ schemaType: c.schemaType, schema, references });

/** Registers the history under the registry's default level (NONE on Apicurio), then sets the subject's `level`. */
async function registerHistory(sr: RegistryHandle, subject: string, c: Case, level: CompatibilityLevel, references: PinnedReference[]): Promise<void> {
  for (const v of c.history) await sr.registry.register(subject, definition(c, v, references));
  expect(await sr.registry.listVersions(subject)).toEqual([1, 2, 3]);
  await sr.registry.setCompatibility(subject, level);
}

/** Whether the registry registers the candidate: what `provision` would meet. */
async function registryTakes(sr: RegistryHandle, subject: string, c: Case, references: PinnedReference[]): Promise<boolean> {
  try {
    await sr.registry.register(subject, definition(c, c.candidate, references));
    return true;
  } catch (e) {
    if (e instanceof SchemaRegistryError && e.kind === 'incompatible') return false;
    throw e;
  }
}

async function registerReferences(sr: RegistryHandle, c: Case): Promise<PinnedReference[]> {
  const pinned: PinnedReference[] = [];
  for (const r of c.references ?? []) {
    await sr.registry.register(r.name, { schemaType: 'AVRO', schema: r.schema, references: [] });
    const v = await sr.registry.getVersion(r.name, 'latest');
    pinned.push({ name: r.name, subject: r.name, version: v!.version });
  }
  return pinned;
}

/**
 * Plans every (case, level) with the subject's level as `liveLevel(level)`, then registers each
 * candidate as provision would (setting the planned level first): the plan's verdicts must be the
 * registry's, and the registry's must be the case's.
 */
async function planAgainstRegistry(sr: RegistryHandle, cases: readonly Case[], liveLevel: (planned: CompatibilityLevel) => CompatibilityLevel) {
  const domain = `acme.levels${randomBytes(3).toString('hex')}`;
  const subjectOf = (c: Case, level: CompatibilityLevel) => `${domain}.${channelOf(c, level)}-value`;
  const references = new Map<Case, PinnedReference[]>();
  for (const c of cases) references.set(c, await registerReferences(sr, c));
  await Promise.all(cases.flatMap((c) => ALL.map((level) => registerHistory(sr, subjectOf(c, level), c, liveLevel(level), references.get(c)!))));
  const dir = writeTempFiles(specFiles(domain, cases, ALL));
  const planned = await planSchemas(sr.registry, [dir], { cwd: dir });
  const refused = new Set(planned.errors.filter((d) => d.code === 'schema-incompatible').map((d) => /subject "([^"]+)"/.exec(d.summary)?.[1]));
  expect(planned.errors.filter((d) => d.code !== 'schema-incompatible')).toEqual([]);
  expect(planned.diagnostics.filter((d) => d.code === 'schema-compatibility-unchecked')).toEqual([]);

  const verdict = (accepts: boolean) => (accepts ? 'accepts' : 'refuses');
  const pairs = cases.flatMap((c) => ALL.map((level) => ({ c, level })));
  const rows = await Promise.all(pairs.map(async ({ c, level }) => {
    const subject = subjectOf(c, level);
    // As provision does: the planned level first, then the registration.
    if (liveLevel(level) !== level) await sr.registry.setCompatibility(subject, level);
    const registry = await registryTakes(sr, subject, c, references.get(c)!);
    return `${c.name} ${level}: plan ${verdict(!refused.has(subject))}, registry ${verdict(registry)}`;
  }));
  expect(rows).toEqual(pairs.map(({ c, level }) => `${c.name} ${level}: plan ${verdict(c.accepted.includes(level))}, registry ${verdict(c.accepted.includes(level))}`));
}

describe('compatibility checked at plan time as the registry checks it, at every level', () => {
  const sr = useSchemaRegistry();
  const ns = 'acme.levels';

  it.each([
    ['Avro', avroCases(ns)],
    ['JSON Schema', jsonCases],
    ['Protobuf', protobufCases],
  ] as const)('%s: the plan refuses exactly what the registry refuses, the level set beforehand', async (_format, cases) => {
    await planAgainstRegistry(sr, cases, (level) => level);
  });

  const inner = `${ns}.Inner`;
  const withReferences = () => avroCases(ns, inner).map((c) => ({ ...c, references: [{ name: inner, schema: JSON.stringify({ type: 'record', name: 'Inner', namespace: ns, fields: [{ name: 'x', type: 'int' }] }) }] }));

  it('Avro with references: the plan refuses exactly what the registry refuses', async () => {
    await planAgainstRegistry(sr, withReferences(), (level) => level);
  });

  // The registry judges by the level it has, so a level the same plan sets is judged locally.
  it.each([
    ['Avro', () => avroCases(ns)],
    ['Avro with references', withReferences],
    ['JSON Schema', () => jsonCases],
    ['Protobuf', () => protobufCases],
  ] as const)('%s: the plan refuses exactly what the registry refuses, the level set by the same plan', async (_format, cases) => {
    await planAgainstRegistry(sr, cases(), (level) => (level === 'NONE' ? 'BACKWARD' : 'NONE'));
  });
});
