// Offline (no registry): another domain's Avro type that no loaded spec registers is a warning at the
// `$ref` that uses it, once per type and spec; with the owner's spec loaded too, or with a registry
// to ask, there is nothing to warn about.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/core/diagnostic.js';
import { openSession } from '../../../src/orchestrate/session.js';
import { planSpecs } from '../../../src/orchestrate/plan-specs.js';
import { loadSpecs } from '../../../src/spec/load/load-specs.js';
import { specmeshFixtures } from '../../support/specmesh-fixtures.js';
import { writeTempFiles } from '../../support/temp-specs.js';
import { inMemoryRegistry } from './in-memory-registry.js';

const corpus = specmeshFixtures();
const resources = path.join(corpus, 'specmesh-build/cli/src/test/resources');
const references = path.join(resources, 'examples/references/avro');
const schemaRef = path.join(corpus, 'specmesh-build/kafka/src/test/resources/schema-ref');
const CODE = 'schema-reference-external';
const external = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.code === CODE);
const load = (inputs: string[]) => loadSpecs(inputs, { cacheDir: false, cwd: corpus });

const AVRO = 'application/vnd.apache.avro+json;version=1.9.0';
/** A spec of `domain` whose channels each produce a record with one field of type `uses`. */
function usingSpec(domain: string, channels: Record<string, string>): Record<string, string> {
  const files: Record<string, string> = {};
  const body = Object.keys(channels)
    .map(
      (c) => `  _public.${c}:
    publish:
      operationId: publish_${c}
      message:
        schemaFormat: '${AVRO}'
        payload:
          $ref: schema/${domain}.${c}.avsc
`,
    )
    .join('');
  files[`${domain}-api.yaml`] = `asyncapi: '2.6.0'\nid: 'urn:${domain}'\ninfo: { title: t, version: '1' }\nchannels:\n${body}`;
  for (const [c, uses] of Object.entries(channels)) {
    files[`schema/${domain}.${c}.avsc`] = JSON.stringify({ type: 'record', name: c, namespace: domain, fields: [{ name: 'f', type: uses }] });
  }
  return files;
}

describe('types of domains whose specs are not loaded', () => {
  it("warns, at the $ref, for each type of SpecMesh's record example that another domain must register, and still validates", async () => {
    const result = await load([path.join(references, 'record.spec.yaml')]);
    expect(result.ok).toBe(true);
    const warnings = external(result.diagnostics);
    expect(warnings.map((d) => d.severity)).toEqual(['warning', 'warning']);
    const shared = warnings.find((d) => d.summary.includes('"shared.SharedThing"'))!;
    expect(shared.summary).toContain('no spec of domain "shared" is loaded');
    expect(shared.summary).toContain('the schema registry must already hold subject "shared.SharedThing" when this spec is provisioned');
    expect(shared.fix).toContain('Provision the spec of domain "shared" first');
    const nested = warnings.find((d) => d.summary.includes('"schema.reference.demo.sub.domain.SubThing"'))!;
    expect(nested.summary).toContain('belongs to domain "schema.reference.demo.sub.domain"');
    for (const w of warnings) expect(w.location).toMatchObject({ file: expect.stringMatching(/record\.spec\.yaml$/), line: expect.any(Number), column: expect.any(Number) });
  });

  it.each([
    ['examples/references/avro/union.spec.yaml', ['schema.reference.demo.sub.domain.SubThing', 'shared.SharedThing']],
    ['shared_schema_demo-api.yaml', ['other.domain.CommonOther']],
  ])('warns for %s', async (file, types) => {
    const result = await load([path.join(resources, file)]);
    expect(result.ok).toBe(true);
    expect(
      external(result.diagnostics)
        .map((d) => /uses type "([^"]+)"/.exec(d.summary)?.[1])
        .sort(),
    ).toEqual(types);
  });

  it("says nothing when the owning domain's spec is loaded too, and warns for the one spec loaded alone", async () => {
    expect(external((await load([schemaRef])).diagnostics)).toEqual([]);
    const alone = external((await load([path.join(schemaRef, 'com.example.trading-api.yml')])).diagnostics);
    expect(alone).toHaveLength(1);
    expect(alone[0]!.summary).toContain('Domain "com.example.trading" uses type "com.example.shared.Currency"');
    expect(alone[0]!.location).toMatchObject({ line: 42, column: 11 });
  });

  it('warns once per type and spec, however many of its schemas use the type', async () => {
    const dir = writeTempFiles(usingSpec('acme.orders', { a: 'acme.catalog.Product', b: 'acme.catalog.Product' }));
    const warnings = external((await loadSpecs([dir], { cacheDir: false, cwd: dir })).diagnostics);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.location).toMatchObject({ file: 'acme.orders-api.yaml', line: 11 });
  });

  it("is left to the registry check when plan has a registry, and is in the offline plan's warnings", async () => {
    const dir = writeTempFiles(usingSpec('acme.orders', { a: 'acme.catalog.Product' }));
    const offline = await planSpecs([dir], { emitters: ['acl'], cacheDir: false, cwd: dir });
    expect(offline.plan?.warnings.map((w) => w.code)).toContain(CODE);

    const withRegistry = await planSpecs([dir], { emitters: ['acl'], cacheDir: false, cwd: dir, session: openSession({ ports: { schemaRegistry: inMemoryRegistry() } }) });
    expect(external(withRegistry.diagnostics)).toEqual([]);
    expect(withRegistry.diagnostics.map((d) => d.code)).toContain('schema-reference-unregistered');
  });
});
