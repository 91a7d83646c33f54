// JSON Schema, Protobuf, subject name strategies and inline schemas against a real registry, with
// SpecMesh's sample specs.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTempFiles } from '../support/temp-specs.js';
import {
  actions, applySchemaChanges, pending, planSchemas, SPECMESH_FIXTURES, useSchemaRegistry,
} from '../servers/schema-registry-fixture.js';

const cliResources = path.join(SPECMESH_FIXTURES, 'specmesh-build/cli/src/test/resources');
const schemaRef = path.join(SPECMESH_FIXTURES, 'specmesh-build/kafka/src/test/resources/schema-ref');
const demo = path.join(cliResources, 'simple_schema_demo-api.yaml');
const D = 'simple.schema_demo';

/** A spec of `domain` with one produced channel per entry: name → payload ref (and message binding lines). */
function spec(domain: string, channels: Record<string, { payload: string; format: string; binding?: string }>, top = ''): string {
  const body = Object.entries(channels).map(([name, c]) => `  ${name}:
    publish:
      operationId: publish_${name.replace(/\W/g, '_')}
      message:
        schemaFormat: '${c.format}'
        bindings:
          kafka:
            bindingVersion: '0.4.0'${c.binding ? `\n            ${c.binding}` : ''}
        payload:
          $ref: ${c.payload}
`).join('');
  return `asyncapi: '2.6.0'\nid: 'urn:${domain}'\n${top}info: { title: formats, version: '1' }\nchannels:\n${body}`;
}
const AVRO = 'application/vnd.apache.avro+json;version=1.9.0';
const JSON_SCHEMA = 'application/schema+json;version=draft-07';
const PROTO = 'application/vnd.google.protobuf;version=3';

// In this order: the reformatting and incompatibility steps start from the demo spec's subjects the
// first step registers, so never shuffled.
describe('schema formats and subjects', { shuffle: false }, () => {
  const sr = useSchemaRegistry();

  it('registers Avro, JSON Schema (.yml) and Protobuf payloads of SpecMesh\'s demo spec, then plans no change', async () => {
    const first = await planSchemas(sr.registry, [demo]);
    expect(first.errors).toEqual([]);
    expect(pending(first.changes).map((c) => `${c.id} ${c.after?.schemaType}`).sort()).toEqual([
      `${D}._public.user_checkout-value JSON`,
      `${D}._public.user_info-value PROTOBUF`,
      `${D}._public.user_signed_up-value AVRO`,
    ]);
    expect((await applySchemaChanges(sr.registry, first.changes)).failed).toBe(0);
    const json = await sr.registry.getVersion(`${D}._public.user_checkout-value`, 'latest');
    expect(json?.schemaType).toBe('JSON');
    expect(JSON.parse(json!.schema)).toMatchObject({ title: 'User Checkout', required: ['id', 'price'] });
    expect(pending((await planSchemas(sr.registry, [demo])).changes)).toEqual([]);
  });

  it('sees no change in reformatted JSON Schema (YAML, other key order) and Protobuf (comments, layout)', async () => {
    const dir = writeTempFiles({
      'demo-api.yaml': spec(D, {
        '_public.user_checkout': { payload: 'schema/checkout.yml', format: JSON_SCHEMA },
        '_public.user_info': { payload: 'schema/info.proto', format: PROTO },
      }),
      'schema/checkout.yml': `# same schema, as YAML
required: [id, price]
type: object
title: User Checkout
$schema: http://json-schema.org/draft-07/schema#
additionalProperties: false
javaType: simple.schema_demo._public.user_checkout_value.UserCheckout
properties:
  systemDate: { oneOf: [{ title: Not included, type: 'null' }, { type: string }] }
  price: { type: integer }
  name: { oneOf: [{ type: 'null', title: Not included }, { type: string }] }
  id: { type: integer }
`,
      'schema/info.proto': `// user info, reformatted
syntax = "proto3";
package io.specmesh.kafka.schema;
message UserInfo {
  /* the name */ string fullName = 1;
  string email   = 2;
  int32  age     = 3;
}
`,
    });
    const planned = await planSchemas(sr.registry, [dir], { cwd: dir });
    expect(planned.errors).toEqual([]);
    expect(pending(planned.changes)).toEqual([]);
  });

  it('fails the plan for incompatible JSON Schema and Protobuf changes, with the registry\'s verdict', async () => {
    const dir = writeTempFiles({
      'demo-api.yaml': spec(D, {
        '_public.user_checkout': { payload: 'schema/checkout.json', format: JSON_SCHEMA },
        '_public.user_info': { payload: 'schema/info.proto', format: PROTO },
      }),
      // `price` narrows from integer to string; a closed content model cannot read the old data.
      'schema/checkout.json': JSON.stringify({ type: 'object', additionalProperties: false, properties: { id: { type: 'integer' }, price: { type: 'string' } }, required: ['id', 'price'] }),
      // Field 1 changes type: old bytes no longer decode.
      'schema/info.proto': 'syntax = "proto3";\npackage io.specmesh.kafka.schema;\nmessage UserInfo {\n  int64 fullName = 1;\n  string email = 2;\n  int32 age = 3;\n}\n',
    });
    const planned = await planSchemas(sr.registry, [dir], { cwd: dir });
    expect(planned.changes).toEqual([]);
    expect(planned.errors.map((d) => d.code)).toEqual(['schema-incompatible', 'schema-incompatible']);
    const summaries = planned.errors.map((d) => d.summary).join('\n');
    expect(summaries).toContain(`subject "${D}._public.user_checkout-value"`);
    expect(summaries).toContain(`subject "${D}._public.user_info-value"`);
    expect(summaries).toContain('schema/checkout.json');
    expect(summaries).toContain('the registry rejects it');
  });

  it('names subjects by RecordNameStrategy and references another domain\'s type registered under it', async () => {
    const shared = await planSchemas(sr.registry, [path.join(schemaRef, 'com.example.shared-api.yml')]);
    expect(shared.errors).toEqual([]);
    expect(actions(shared.changes)).toEqual(['create com.example.shared.Currency']);
    expect((await applySchemaChanges(sr.registry, shared.changes)).failed).toBe(0);

    // Trade.avsc carries a `//` comment, as SpecMesh's sample does; it references the shared Currency.
    const trading = await planSchemas(sr.registry, [path.join(schemaRef, 'com.example.trading-api.yml')]);
    expect(trading.errors).toEqual([]);
    expect(actions(trading.changes).sort()).toEqual(['create com.example.trading.TradeInfo', 'create com.example.trading._public.trade-value']);
    const trade = trading.changes.find((c) => c.id === 'com.example.trading._public.trade-value')!;
    expect(trade.after?.references).toEqual([
      { name: 'com.example.shared.Currency', subject: 'com.example.shared.Currency', version: 1 },
      { name: 'com.example.trading.TradeInfo', subject: 'com.example.trading.TradeInfo' },
    ]);
    expect((await applySchemaChanges(sr.registry, trading.changes)).failed).toBe(0);
    expect(pending((await planSchemas(sr.registry, [path.join(schemaRef, 'com.example.trading-api.yml')])).changes)).toEqual([]);
  });

  it('names subjects by TopicRecordNameStrategy and SimpleTopicIdStrategy, with the spec-wide level', async () => {
    const record = JSON.stringify({ type: 'record', name: 'Event', namespace: 'acme.strategies', fields: [{ name: 'id', type: 'long' }] });
    const dir = writeTempFiles({
      'strategies-api.yaml': spec('acme.strategies', {
        '_public.by_topic_record': { payload: 'schema/event.avsc', format: AVRO, binding: 'schemaLookupStrategy: TopicRecordNameStrategy' },
        '_public.by_topic_id': { payload: 'schema/event.avsc', format: AVRO, binding: 'schemaLookupStrategy: SimpleTopicIdStrategy' },
      }, 'x-specmesh-compatibility: FULL_TRANSITIVE\n'),
      'schema/event.avsc': record,
    });
    const planned = await planSchemas(sr.registry, [dir], { cwd: dir });
    expect(planned.errors).toEqual([]);
    expect(pending(planned.changes).map((c) => `${c.id} ${c.after?.compatibility}`).sort()).toEqual([
      'acme.strategies._public.by_topic_id FULL_TRANSITIVE',
      'acme.strategies._public.by_topic_record-acme.strategies.Event FULL_TRANSITIVE',
    ]);
    expect((await applySchemaChanges(sr.registry, planned.changes)).failed).toBe(0);
    expect(await sr.registry.getCompatibility('acme.strategies._public.by_topic_id')).toBe('FULL_TRANSITIVE');
  });

  it('registers inline key schemas only when asked to', async () => {
    const without = await planSchemas(sr.registry, [demo]);
    expect(pending(without.changes)).toEqual([]);
    const withInline = await planSchemas(sr.registry, [demo], { inlineSchemas: true });
    expect(withInline.errors).toEqual([]);
    expect(pending(withInline.changes).map((c) => `${c.action} ${c.id} ${c.after?.schemaType} ${c.after?.schema}`).sort()).toEqual([
      `create ${D}._public.user_checkout-key AVRO {"type":"long"}`,
      `create ${D}._public.user_info-key AVRO {"type":"long"}`,
      `create ${D}._public.user_signed_up-key AVRO {"type":"long"}`,
    ]);
    expect((await applySchemaChanges(sr.registry, withInline.changes)).failed).toBe(0);
    expect(pending((await planSchemas(sr.registry, [demo], { inlineSchemas: true })).changes)).toEqual([]);
  });
});
