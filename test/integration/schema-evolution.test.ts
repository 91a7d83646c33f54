// Schema evolution against a real registry, with SpecMesh's provisioner specs: compatible changes
// plan as new versions, the incompatible `-v3-bad` evolution fails `plan` (SpecMesh only finds out
// on apply), reformatting is no change, and the compatibility level comes from the spec.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SchemaRegistryError } from '../../src/schema/schema-registry-error.js';
import { writeTempFiles } from '../support/temp-specs.js';
import { loadSpecs } from '../../src/spec/load/load-specs.js';
import {
  actions, applySchemaChanges, pending, planSchemas, SPECMESH_FIXTURES, useSchemaRegistry,
} from '../servers/schema-registry-fixture.js';

const resources = path.join(SPECMESH_FIXTURES, 'specmesh-build/kafka/src/test/resources');
const base = path.join(resources, 'provisioner-functional-test-api.yaml');
const update = path.join(resources, 'provisioner-update-functional-test-api.yaml');
const incompatible = path.join(resources, 'provisioner-incompatible-functional-test-api.yaml');
const schemaDir = path.join(resources, 'schema');
const VALUE = 'simple.provision_demo._public.user_signed_up-value';

/** A one-channel spec of the same domain whose payload is `payload` (a path or a file in the temp dir). */
function signedUpSpec(payload: string, bindingExtra = ''): string {
  return `asyncapi: '2.4.0'
id: 'urn:simple.provision_demo'
info: { title: evolution, version: '1.0.0' }
channels:
  _public.user_signed_up:
    publish:
      operationId: onUserSignedUp
      message:
        bindings:
          kafka:
            key:
              $ref: ${path.join(schemaDir, 'simple.provision_demo._public.user_signed_up.key.avsc')}${bindingExtra}
        schemaFormat: "application/vnd.apache.avro+json;version=1.9.0"
        payload:
          $ref: ${payload}
`;
}

// One subject's versions over time, in this order (each step starts from the versions the one
// before registered), so never shuffled.
describe('schema evolution (SpecMesh provisioner specs)', { shuffle: false }, () => {
  const sr = useSchemaRegistry();

  it('registers the Avro value and key and the Protobuf value, then plans no change', async () => {
    const first = await planSchemas(sr.registry, [base]);
    expect(first.errors).toEqual([]);
    expect(actions(first.changes).sort()).toEqual([
      'create simple.provision_demo._protected.user_info-value',
      'create simple.provision_demo._public.user_signed_up-key',
      `create ${VALUE}`,
    ]);
    expect(first.changes.find((c) => c.id === 'simple.provision_demo._protected.user_info-value')?.after?.schemaType).toBe('PROTOBUF');
    expect((await applySchemaChanges(sr.registry, first.changes)).failed).toBe(0);
    expect(pending((await planSchemas(sr.registry, [base])).changes)).toEqual([]);
  });

  it('plans a compatible change as a new version and applies it', async () => {
    const planned = await planSchemas(sr.registry, [update]);
    expect(planned.errors).toEqual([]);
    expect(actions(planned.changes)).toEqual([`update ${VALUE}`]);
    expect(planned.changes.find((c) => c.id === VALUE)?.reason).toBe('schema changed');
    expect((await applySchemaChanges(sr.registry, planned.changes)).failed).toBe(0);
    expect(await sr.registry.listVersions(VALUE)).toEqual([1, 2]);
    expect(pending((await planSchemas(sr.registry, [update])).changes)).toEqual([]);
  });

  it('fails the plan for the incompatible -v3-bad evolution, naming the subject, the file and why', async () => {
    const planned = await planSchemas(sr.registry, [incompatible]);
    expect(planned.changes).toEqual([]);
    expect(planned.errors.map((d) => d.code)).toEqual(['schema-incompatible']);
    const [d] = planned.errors;
    expect(d!.summary).toContain(`subject "${VALUE}"`);
    expect(d!.summary).toContain('simple.provision_demo._public.user_signed_up-v3-bad.avsc');
    expect(d!.summary).toContain('not BACKWARD-compatible');
    expect(d!.summary).toContain('latest version 2');
    expect(d!.summary).toMatch(/the registry rejects it; .*default-less simple\.provision_demo\.UserSignedUp\.borked/);
    expect(d!.location?.file).toMatch(/provisioner-incompatible-functional-test-api\.yaml$/);

    // What SpecMesh would only have learnt on apply: the registry refuses this version.
    const text = JSON.stringify({ type: 'record', namespace: 'simple.provision_demo', name: 'UserSignedUp', fields: [{ name: 'borked', type: 'int' }] });
    const refused = await sr.registry.register(VALUE, { schemaType: 'AVRO', schema: text, references: [] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SchemaRegistryError);
    expect((refused as SchemaRegistryError).kind).toBe('incompatible');
  });

  it('sees no change in a reformatted schema (key order, whitespace, comments, full names)', async () => {
    const reformatted = `// the same schema as -v2, written differently
{ "name": "simple.provision_demo.UserSignedUp", "type": "record",
  "fields": [
    { "type": {"type": "string"}, "name": "fullName" },
    { "name": "email", "type": "string" }, { "name": "address", "type": "string" },
    { "name": "age", "type": "int" },
    /* optional, added in v2 */
    { "default": null, "type": ["null", "string"], "name": "newThing" }
  ] }`;
    const dir = writeTempFiles({ 'evolution-api.yaml': signedUpSpec('schema/reformatted.avsc'), 'schema/reformatted.avsc': reformatted });
    const planned = await planSchemas(sr.registry, [dir], { cwd: dir });
    expect(planned.errors).toEqual([]);
    expect(pending(planned.changes)).toEqual([]);
  });

  it('takes the topic\'s compatibility level from the spec: NONE lets the -v3-bad schema through and sets the level', async () => {
    const badFile = path.join(schemaDir, 'simple.provision_demo._public.user_signed_up-v3-bad.avsc');
    const dir = writeTempFiles({ 'evolution-api.yaml': signedUpSpec(badFile, '\n            x-specmesh-compatibility: NONE') });
    const planned = await planSchemas(sr.registry, [dir], { cwd: dir });
    expect(planned.errors).toEqual([]);
    const KEY = 'simple.provision_demo._public.user_signed_up-key';
    expect(actions(planned.changes).sort()).toEqual([`update ${KEY}`, `update ${VALUE}`]);
    expect(planned.changes.find((c) => c.id === VALUE)?.reason).toBe('schema changed; compatibility BACKWARD → NONE');
    expect(planned.changes.find((c) => c.id === KEY)?.reason).toBe('compatibility BACKWARD → NONE');
    expect((await applySchemaChanges(sr.registry, planned.changes)).failed).toBe(0);
    expect(await sr.registry.getCompatibility(VALUE)).toBe('NONE');
    expect(await sr.registry.getCompatibility(KEY)).toBe('NONE');
    expect(await sr.registry.listVersions(KEY)).toEqual([1]);
    expect(pending((await planSchemas(sr.registry, [dir], { cwd: dir })).changes)).toEqual([]);
  });

  it('judges a change by the level the plan sets, not the one the registry has (Avro and JSON Schema)', async () => {
    // Registered by hand: the subjects have the registry's default level (NONE on Apicurio).
    const v1 = { type: 'record', name: 'Levelled', namespace: 'acme.levels', fields: [{ name: 'a', type: 'int' }] };
    await sr.registry.register('acme.levels._public.avro-value', { schemaType: 'AVRO', schema: JSON.stringify(v1), references: [] });
    // (Apicurio 3.0 ignores schemaType on a new subject and guesses from the content: `properties` makes it JSON Schema.)
    await sr.registry.register('acme.levels._public.json-value', { schemaType: 'JSON', schema: '{"type":"object","properties":{"a":{"type":"integer"}}}', references: [] });
    const dir = writeTempFiles({
      'levels-api.yaml': `asyncapi: '2.6.0'
id: 'urn:acme.levels'
info: { title: levels, version: '1' }
channels:
  _public.avro:
    publish:
      message:
        schemaFormat: 'application/vnd.apache.avro+json;version=1.9.0'
        payload: { $ref: schema/avro.avsc }
  _public.json:
    publish:
      message:
        schemaFormat: 'application/schema+json;version=draft-07'
        payload: { $ref: schema/json.json }
`,
      'schema/avro.avsc': JSON.stringify({ ...v1, fields: [{ name: 'b', type: 'int' }] }),
      'schema/json.json': '{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"]}',
    });
    const planned = await planSchemas(sr.registry, [dir], { cwd: dir });
    expect(planned.errors.map((d) => d.code)).toEqual(['schema-incompatible', 'schema-incompatible']);
    expect(planned.errors[0]!.summary).toContain('is not BACKWARD-compatible with subject "acme.levels._public.avro-value" (latest version 1): the new schema cannot read data written with version 1');
    expect(planned.errors[1]!.summary).toContain('is not BACKWARD-compatible with subject "acme.levels._public.json-value" (latest version 1): the new schema rejects data valid under version 1: #: "a" now required');
    expect(planned.diagnostics.filter((d) => d.code === 'schema-compatibility-unchecked')).toEqual([]);
  });

  it('rejects a compatibility level that does not exist, at its line, before the registry is asked anything', async () => {
    const dir = writeTempFiles({ 'evolution-api.yaml': signedUpSpec(path.join(schemaDir, 'simple.provision_demo._public.user_signed_up-v2.avsc'), '\n            x-specmesh-compatibility: SIDEWAYS') });
    const load = await loadSpecs([dir], { cwd: dir, cacheDir: false });
    const errors = load.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).toEqual(['schema-compatibility-invalid']);
    expect(errors[0]!.location).toMatchObject({ file: 'evolution-api.yaml', line: 13 });
  });
});
