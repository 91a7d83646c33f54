// SpecMesh's Avro reference examples against a real registry: referenced types registered first
// under their full names, another domain's type required to exist, idempotence, and clean-up
// scoped to the planned domain by exact boundary. A type of a nested namespace is its own domain's: referenced, never registered.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpecs } from '../../src/spec/load/load-specs.js';
import { writeTempFiles } from '../support/temp-specs.js';
import {
  actions, applySchemaChanges, pending, planSchemas, SPECMESH_FIXTURES, useSchemaRegistry,
} from '../servers/schema-registry-fixture.js';

const examples = path.join(SPECMESH_FIXTURES, 'specmesh-build/cli/src/test/resources/examples/references/avro');
const spec = (name: string): string => path.join(examples, `${name}.spec.yaml`);
const D = 'schema.reference.demo';
const avro = (schema: unknown) => ({ schemaType: 'AVRO' as const, schema: JSON.stringify(schema), references: [] });
const record = (namespace: string, name: string) => avro({ type: 'record', name, namespace, fields: [{ name: 'name', type: 'string', default: '' }] });
/** The errors of loading (validating) specs: schema files are checked then, before any registry is asked. */
const loadErrors = async (dir: string) => (await loadSpecs([dir], { cacheDir: false, cwd: dir })).diagnostics.filter((d) => d.severity === 'error');

// One domain's referenced types over time, in this order (from nothing registered, to provisioned,
// to cleaned up), so never shuffled.
describe('Avro schema references (SpecMesh examples)', { shuffle: false }, () => {
  const sr = useSchemaRegistry();

  it('fails the plan while a type of another domain, or of a nested namespace (its own domain\'s), is not registered, naming the files that use it', async () => {
    const { errors, changes } = await planSchemas(sr.registry, [spec('record')]);
    expect(changes).toEqual([]);
    expect(errors.map((d) => d.code)).toEqual(['schema-reference-unregistered', 'schema-reference-unregistered']);
    const shared = errors.find((d) => d.summary.includes('"shared.SharedThing"'))!;
    expect(shared.summary).toMatch(/schema\.reference\.demo\.Thing[AB]\.avsc \(referenced from .*schema\.reference\.demo\.Record\.avsc\)/);
    expect(shared.summary).toContain('whose namespace "shared" is outside domain "schema.reference.demo"');
    expect(shared.location?.file).toMatch(/record\.spec\.yaml$/);
    const nested = errors.find((d) => d.summary.includes(`"${D}.sub.domain.SubThing"`))!;
    expect(nested.summary).toContain(`whose namespace "${D}.sub.domain" is nested in domain "${D}" and so belongs to domain "${D}.sub.domain"`);
    expect(nested.fix).toBe(`Provision the spec of domain "${D}.sub.domain" first (it registers "${D}.sub.domain.SubThing" under subject "${D}.sub.domain.SubThing"), or register it there by other means; planned with this spec, in one plan, it is registered first.`);
  });

  it('registers the referenced types of its own namespace first, under their full names, and references them from the topic subject', async () => {
    // The owning domains ("shared", and the nested "schema.reference.demo.sub.domain") registered their types earlier.
    await sr.registry.register('shared.SharedThing', record('shared', 'SharedThing'));
    await sr.registry.register(`${D}.sub.domain.SubThing`, record(`${D}.sub.domain`, 'SubThing'));

    const { changes, errors } = await planSchemas(sr.registry, [spec('record')]);
    expect(errors).toEqual([]);
    expect(actions(changes).sort()).toEqual([
      `create ${D}.ThingA`, `create ${D}.ThingB`, `create ${D}.ThingC`, `create ${D}.ThingD`, `create ${D}.ThingE`,
      `create ${D}._public.record-value`,
    ]);
    const root = changes.find((c) => c.id === `${D}._public.record-value`)!;
    expect(root.after).toMatchObject({ schemaType: 'AVRO', compatibility: 'BACKWARD', references: [{ name: `${D}.ThingA`, subject: `${D}.ThingA` }, { name: `${D}.ThingB`, subject: `${D}.ThingB` }] });

    const report = await applySchemaChanges(sr.registry, changes);
    expect(report.results).toHaveLength(changes.length);
    expect(report.failed).toBe(0);

    const registered = await sr.registry.getVersion(`${D}._public.record-value`, 'latest');
    expect(registered?.references).toEqual([
      { name: `${D}.ThingA`, subject: `${D}.ThingA`, version: 1 },
      { name: `${D}.ThingB`, subject: `${D}.ThingB`, version: 1 },
    ]);
    const thingA = await sr.registry.getVersion(`${D}.ThingA`, 'latest');
    expect(thingA?.references.map((r) => r.subject).sort()).toEqual([`${D}.ThingC`, `${D}.ThingE`, `${D}.sub.domain.SubThing`, 'shared.SharedThing']);
    expect(await sr.registry.getCompatibility(`${D}._public.record-value`)).toBe('BACKWARD');
    expect(await sr.registry.getCompatibility(`${D}.ThingA`)).toBe('BACKWARD');
  });

  it('plans no change once provisioned, and registering the same changes again changes nothing', async () => {
    const again = await planSchemas(sr.registry, [spec('record')]);
    expect(again.errors).toEqual([]);
    expect(pending(again.changes)).toEqual([]);
    expect(again.changes).toHaveLength(6);

    // Re-apply the original creates, as a retried provision would: same ids, no new versions.
    const before = await sr.registry.getVersion(`${D}._public.record-value`, 'latest');
    const creates = again.changes.flatMap((c) => (c.action === 'delete' ? [] : [{ kind: c.kind, id: c.id, action: 'create' as const, after: c.after }]));
    const report = await applySchemaChanges(sr.registry, creates);
    expect(report.failed).toBe(0);
    expect(await sr.registry.getVersion(`${D}._public.record-value`, 'latest')).toEqual(before);
    expect(await sr.registry.listVersions(`${D}.ThingA`)).toEqual([1]);
  });

  it.each(['array', 'map', 'union', 'primitive'])('provisions the %s example and then plans no change', async (name) => {
    const first = await planSchemas(sr.registry, [spec(name)]);
    expect(first.errors).toEqual([]);
    expect(actions(first.changes)).toEqual([`create ${D}._public.${name}-value`]);
    expect((await applySchemaChanges(sr.registry, first.changes)).failed).toBe(0);
    const again = await planSchemas(sr.registry, [spec(name)]);
    expect(pending(again.changes)).toEqual([]);
  });

  it('soft-deletes only unspecified subjects of the planned domain, never a prefix-sharing, parent or child domain\'s', async () => {
    const mine = [`${D}._private.old-value`, `${D}.Orphan`];
    const others = [
      `${D}x._public.thing-value`, // prefix-sharing domain
      'schema.reference._public.thing-value', // parent domain
      `${D}.sub._public.thing-value`, // child domain
      `${D}.sub.domain.Other`, // a type in a sub-namespace: maybe shared, never cleaned
    ];
    for (const s of [...mine, ...others]) await sr.registry.register(s, record('x', s.replace(/\W/g, '_')));
    others.push('shared.SharedThing', `${D}.sub.domain.SubThing`); // other domains' types the plan references

    const kept = await planSchemas(sr.registry, [spec('union')]);
    expect(pending(kept.changes)).toEqual([]);
    const warning = kept.diagnostics.find((d) => d.code === 'unspecified-kept');
    expect(warning?.summary).toContain('6 schema subjects');

    const cleaned = await planSchemas(sr.registry, [spec('union')], { cleanUnspecified: true });
    expect(cleaned.errors).toEqual([]);
    expect(actions(cleaned.changes).sort()).toEqual([
      `delete ${D}._private.old-value`, `delete ${D}._public.array-value`, `delete ${D}._public.map-value`,
      `delete ${D}._public.primitive-value`, `delete ${D}._public.record-value`, `delete ${D}.Orphan`,
    ].sort());
    const report = await applySchemaChanges(sr.registry, cleaned.changes);
    expect(report.failed).toBe(0);

    const subjects = await sr.registry.listSubjects();
    for (const s of others) expect(subjects).toContain(s);
    for (const c of pending(cleaned.changes)) expect(subjects).not.toContain(c.id);
    // Soft: the versions are still there for whoever asks for deleted ones.
    const withDeleted = await (await fetch(`${sr.url}/subjects?deleted=true`)).json() as string[];
    expect(withDeleted).toContain(`${D}._public.record-value`);
    expect(pending((await planSchemas(sr.registry, [spec('union')], { cleanUnspecified: true })).changes)).toEqual([]);
  });

  it('reports a type with no file as unknown, where it is written, with the chain of files that led there, when the specs are validated', async () => {
    const dir = writeTempFiles({
      'refs-api.yaml': refsSpec('acme.refs.missing'),
      'schema/acme.refs.missing.Root.avsc': recordUsing('acme.refs.missing', 'Root', 'A'),
      'schema/acme.refs.missing.A.avsc': recordUsing('acme.refs.missing', 'A', 'Gone'),
    });
    const errors = await loadErrors(dir);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.code).toBe('schema-unknown-type');
    expect(errors[0]!.summary).toContain('Unknown type "Gone" (full name acme.refs.missing.Gone) in acme.refs.missing.A.avsc: not an Avro type, not defined there, and no acme.refs.missing.Gone.avsc beside it');
    expect(errors[0]!.summary).toContain('(reached through acme.refs.missing.Root.avsc → acme.refs.missing.A.avsc)');
    expect(errors[0]!.summary).toMatch(/through the `\$ref` at refs-api\.yaml:11:\d+$/);
    expect(errors[0]!.location).toEqual({ file: 'schema/acme.refs.missing.A.avsc', line: 8, column: 15 });
  });

  it('reports cyclic references with the chain of files, when the specs are validated', async () => {
    const dir = writeTempFiles({
      'refs-api.yaml': refsSpec('acme.refs.cycle'),
      'schema/acme.refs.cycle.Root.avsc': recordUsing('acme.refs.cycle', 'Root', 'A'),
      'schema/acme.refs.cycle.A.avsc': recordUsing('acme.refs.cycle', 'A', 'B'),
      'schema/acme.refs.cycle.B.avsc': recordUsing('acme.refs.cycle', 'B', 'A'),
    });
    const errors = await loadErrors(dir);
    expect(errors.map((d) => d.code)).toEqual(['schema-invalid']);
    expect(errors[0]!.summary).toContain('Cyclic schema references: acme.refs.cycle.Root.avsc → acme.refs.cycle.A.avsc → acme.refs.cycle.B.avsc → acme.refs.cycle.A.avsc');
  });
});

function refsSpec(domain: string): string {
  return `asyncapi: '2.6.0'
id: 'urn:${domain}'
info: { title: refs, version: '1' }
channels:
  _public.root:
    publish:
      operationId: publishRoot
      message:
        schemaFormat: 'application/vnd.apache.avro+json;version=1.9.0'
        payload:
          $ref: schema/${domain}.Root.avsc
`;
}

const recordUsing = (namespace: string, name: string, uses: string): string =>
  JSON.stringify({ type: 'record', name, namespace, fields: [{ name: 'f', type: uses }] }, null, 2);
