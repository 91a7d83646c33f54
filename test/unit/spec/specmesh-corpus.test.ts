import path from 'node:path';
import { specmeshFixtures } from '../../support/specmesh-fixtures.js';
import { describe, expect, it } from 'vitest';
import { findSpecFiles } from '../../../src/spec/load/find-spec-files.js';
import { loadSpecs } from '../../../src/spec/load/load-specs.js';

// SpecMesh's own sample specs: each one plans, or is rejected with the diagnostic it deserves.
const corpus = specmeshFixtures();

const expected: Record<string, 'plans' | string[]> = {
  // SpecMesh's earliest naming: `public/attendee` without the underscore; the fix names `_public.attendee`.
  'docs/etc/sample-specs/bigdatalondon-api.yaml': ['channel-legacy-visibility'],
  // Plain AsyncAPI examples without a SpecMesh `id`.
  'docs/etc/sample-specs/streetlights-api.yaml': ['id-invalid'],
  'docs/etc/sample-specs/streetlights-simple-api.yaml': ['id-invalid'],
  'getting-started-apachekafka/resources/acme_simple_range_life_enhancer-api.yaml': 'plans',
  // Known-bad (corpus README): legacy `/` names; it also lacks the required `info` object.
  'getting-started-apachekafka/resources/snippet-api.yaml': ['asyncapi/asyncapi-document-resolved'],
  'specmesh-build/cli/src/test/resources/examples/references/avro/array.spec.yaml': 'plans',
  'specmesh-build/cli/src/test/resources/examples/references/avro/map.spec.yaml': 'plans',
  'specmesh-build/cli/src/test/resources/examples/references/avro/primitive.spec.yaml': 'plans',
  'specmesh-build/cli/src/test/resources/examples/references/avro/record.spec.yaml': 'plans',
  'specmesh-build/cli/src/test/resources/examples/references/avro/union.spec.yaml': 'plans',
  'specmesh-build/cli/src/test/resources/shared_schema_demo-api.yaml': 'plans',
  'specmesh-build/cli/src/test/resources/simple_schema_demo-api.yaml': 'plans',
  'specmesh-build/cli/src/test/resources/simple_spec_demo-api.yaml': 'plans',
  // `$ref: /x.proto`: SpecMesh's build read it from its resources folder; it is in src/test/proto.
  'specmesh-build/kafka-test/src/test/resources/kafka_test-simple_schema_demo-api.yaml': ['schema-ref-absolute'],
  // `urn:.london…`: the leading dot is dropped, with a warning.
  'specmesh-build/kafka/src/test/resources/apispec-functional-test-app.yaml': 'plans',
  // SpecMesh's grant-only channels have no visibility segment; the fix names the rename per channel.
  'specmesh-build/kafka/src/test/resources/bigdatalondon-api-with-grant-access-acls.yaml': ['channel-visibility-missing'],
  'specmesh-build/kafka/src/test/resources/bigdatalondon-api.yaml': 'plans',
  'specmesh-build/kafka/src/test/resources/clientapi-functional-test-api.yaml': 'plans',
  // Custom visibility names (`zzpublic`, SpecMesh's `specmesh.public` setting).
  'specmesh-build/kafka/src/test/resources/customacl-bigdatalondon-api.yaml': ['channel-custom-visibility'],
  'specmesh-build/kafka/src/test/resources/provisioner-functional-test-api.yaml': 'plans',
  // Its incompatible schema evolution is a schema-registry check, not a spec error.
  'specmesh-build/kafka/src/test/resources/provisioner-incompatible-functional-test-api.yaml': 'plans',
  'specmesh-build/kafka/src/test/resources/provisioner-update-functional-test-api.yaml': 'plans',
  'specmesh-build/kafka/src/test/resources/schema-ref/com.example.shared-api.yml': 'plans',
  'specmesh-build/kafka/src/test/resources/schema-ref/com.example.trading-api.yml': 'plans',
  // `urn:.simple.schema-demo` is read (with a warning); its key schema `key.avsc` is not in the corpus.
  'specmesh-build/parser/src/test/resources/parser_simple_schema_demo-api.yaml': ['schema-missing-file'],
  'specmesh-build/parser/src/test/resources/streetlights-simple-api.yaml': 'plans',
  'specmesh-build/parser/src/test/resources/test-streetlights-simple-api.yaml': 'plans',
};

describe('SpecMesh sample specs', async () => {
  const { files } = await findSpecFiles([corpus]);
  const relative = files.map((f) => path.relative(corpus, f));

  it('finds every spec in the corpus and no schema file', () => {
    expect(relative.sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(relative)('%s', async (file) => {
    const result = await loadSpecs([path.join(corpus, file)], { cacheDir: false });
    const errorCodes = [...new Set(result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))];
    const want = expected[file];
    if (want === 'plans') {
      expect(errorCodes).toEqual([]);
      expect(result.domains).toHaveLength(1);
    } else {
      expect(errorCodes).toEqual(want);
      for (const d of result.diagnostics.filter((x) => x.severity === 'error')) {
        expect(d.location?.line, `${d.code} has a line`).toBeGreaterThan(0);
        expect(d.fix, `${d.code} says what to do`).toBeTruthy();
      }
    }
  });

  it('never calls a SpecMesh channel produce-foreign, and shows the modern form of each leading dot', async () => {
    const result = await loadSpecs([corpus], { cacheDir: false });
    expect(result.diagnostics.filter((d) => d.code === 'produce-foreign')).toEqual([]);
    const dots = result.diagnostics.filter((d) => d.code === 'id-leading-dot');
    expect(dots.map((d) => [path.basename(d.location?.file ?? ''), d.location?.line])).toEqual(expect.arrayContaining([
      ['apispec-functional-test-app.yaml', 2], ['streetlights-simple-api.yaml', 2], ['test-streetlights-simple-api.yaml', 2]]));
    expect(dots.every((d) => /Write `id: 'urn:[^.]/.test(d.fix ?? ''))).toBe(true);
  });

  it('shows the paths it tried for `$ref: /x.proto`, relative to the spec', async () => {
    const result = await loadSpecs([path.join(corpus, 'specmesh-build/kafka-test/src/test/resources/kafka_test-simple_schema_demo-api.yaml')], { cacheDir: false });
    const d = result.diagnostics.find((x) => x.code === 'schema-ref-absolute');
    expect(d?.location?.line).toBe(111);
    expect(d?.summary).toContain('tried /simple.schema_demo._public.user_info.proto (from the file system root) and simple.schema_demo._public.user_info.proto (relative to the spec)');
  });

  it('flags the legacy "/" channel names of snippet-api.yaml', async () => {
    const result = await loadSpecs([path.join(corpus, 'getting-started-apachekafka/resources/snippet-api.yaml')], { cacheDir: false });
    expect(result.diagnostics.filter((d) => d.code === 'channel-legacy-separator').map((d) => d.location?.line)).toEqual([4]);
  });

  it('reads owned topics, bindings and grants like SpecMesh does', async () => {
    const result = await loadSpecs([path.join(corpus, 'specmesh-build/kafka/src/test/resources/provisioner-functional-test-api.yaml')], { cacheDir: false });
    expect(result.domains[0]?.produces.map((t) => [t.name, t.partitions, t.replicationFactor, t.configs, t.grants])).toEqual([
      ['simple.provision_demo._public.user_signed_up', 10, 1, { 'cleanup.policy': 'delete', 'retention.ms': '3600000' }, []],
      ['simple.provision_demo._protected.user_info', 3, 1, { 'cleanup.policy': 'delete', 'retention.ms': '9900000' }, ['some.other.domain.acme-A']],
    ]);
  });
});
