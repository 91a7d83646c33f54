import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { AclBinding } from '../../../src/acl/acl-binding.js';
import { principalResolver } from '../../../src/acl/principals.js';
import { buildDomainSpec, type AsyncApiVersion, type DomainExportInput } from '../../../src/export/build-domain-spec.js';
import { groupTopicsByDomain } from '../../../src/export/group-topics.js';
import { recoverConsumed, recoverGrants } from '../../../src/export/recover-access.js';
import { extractDomain } from '../../../src/spec/extract-domain.js';
import { parseYamlSource } from '../../../src/spec/yaml-locator.js';

const d = 'acme.retail.orders';
const input = (version: AsyncApiVersion): DomainExportInput => ({
  domain: d,
  version,
  topics: [
    { name: `${d}._public.order_placed`, partitions: 3, replicationFactor: 1, configs: { 'retention.ms': '604800000', 'cleanup.policy': 'compact,delete', 'retention.bytes': '9223372036854775807' } },
    { name: `${d}._protected.order_paid`, partitions: 2, replicationFactor: 3, configs: {} },
    { name: `${d}._private.state`, partitions: 1, replicationFactor: 1, configs: { 'message.timestamp.type': 'LogAppendTime' } },
  ],
  grants: new Map([[`${d}._protected.order_paid`, ['_public', 'acme.retail.payments']]]),
  consumes: ['acme.retail.payments._protected.payment_settled'],
  schemas: [
    { topic: `${d}._public.order_placed`, part: 'value', schemaType: 'AVRO', schema: '{"type":"record","name":"OrderPlaced","fields":[{"name":"id","type":"string"}]}', compatibility: 'FULL' },
    { topic: `${d}._public.order_placed`, part: 'key', schemaType: 'AVRO', schema: '"string"' },
  ],
});

/** What specmesh reads back from the written spec. */
function readBack(text: string) {
  const { source } = parseYamlSource('/specs/spec.yaml', text);
  const { domain, diagnostics } = extractDomain(source!);
  return { domain: domain!, diagnostics };
}

describe('buildDomainSpec', () => {
  for (const version of ['2.6', '3.0'] as const) {
    it(`writes a ${version} spec that specmesh reads back as the same topics, grants, consumption and schemas`, () => {
      const { specFile, files } = buildDomainSpec(input(version));
      expect(specFile).toBe(`${d}-api.yaml`);
      expect(files.map((f) => f.path)).toEqual([specFile, `schema/${d}._public.order_placed.avsc`, `schema/${d}._public.order_placed-key.avsc`]);
      const doc = parse(files[0]!.content) as Record<string, unknown>;
      expect(doc['asyncapi']).toBe(version === '2.6' ? '2.6.0' : '3.0.0');
      expect(doc['id']).toBe(`urn:${d}`);
      const { domain, diagnostics } = readBack(files[0]!.content);
      expect(diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
      const byName = Object.fromEntries(domain.produces.map((t) => [t.name, t]));
      expect(byName[`${d}._public.order_placed`]).toMatchObject({
        partitions: 3, replicationFactor: 1, compatibility: 'FULL',
        configs: { 'retention.ms': '604800000', 'cleanup.policy': 'compact,delete', 'retention.bytes': '9223372036854775807' },
        valueSchema: { file: `/specs/schema/${d}._public.order_placed.avsc`, format: 'avro' },
        keySchema: { file: `/specs/schema/${d}._public.order_placed-key.avsc`, format: 'avro' },
      });
      expect(byName[`${d}._protected.order_paid`]).toMatchObject({ partitions: 2, replicationFactor: 3, configs: {}, grants: ['_public', 'acme.retail.payments'] });
      expect(byName[`${d}._private.state`]?.configs).toEqual({ 'message.timestamp.type': 'LogAppendTime' });
      expect(domain.consumes.map((c) => c.name)).toEqual(['acme.retail.payments._protected.payment_settled']);
    });
  }

  it('pretty-prints the registry\'s schema text into its file', () => {
    const { files } = buildDomainSpec(input('2.6'));
    expect(files[1]!.content).toBe('{\n  "type": "record",\n  "name": "OrderPlaced",\n  "fields": [\n    {\n      "name": "id",\n      "type": "string"\n    }\n  ]\n}\n');
  });

  it('names channels by the topic without the domain, and consumed channels by the full topic (2.6)', () => {
    const doc = parse(buildDomainSpec(input('2.6')).files[0]!.content) as { channels: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.channels)).toEqual(['_private.state', '_protected.order_paid', '_public.order_placed', 'acme.retail.payments._protected.payment_settled']);
    expect(doc.channels['acme.retail.payments._protected.payment_settled']).toEqual({ subscribe: { operationId: 'onAcmeRetailPaymentsProtectedPaymentSettled' } });
    expect(doc.channels['_protected.order_paid']?.['publish']).toMatchObject({ tags: [{ name: 'grant-access:_public' }, { name: 'grant-access:acme.retail.payments' }] });
  });
});

const read = (principal: string, topic: string): AclBinding =>
  ({ resourceType: 'TOPIC', resourceName: topic, patternType: 'LITERAL', principal, host: '*', operation: 'READ', permission: 'ALLOW' });

describe('recovering access from ACLs', () => {
  const principalOf = principalResolver({ 'acme.retail.payments': 'User:payments-svc' });
  const paid = `${d}._protected.order_paid`;
  const acls = [
    read('User:payments-svc', paid), { ...read('User:payments-svc', paid), operation: 'DESCRIBE' as const },
    read('User:*', paid), read('User:acme.shipping', paid), read('User:CN=bob,O=acme', paid),
    { ...read('User:acme.analytics', paid), patternType: 'PREFIXED' as const },
    read(`User:${d}`, 'acme.retail.payments._protected.payment_settled'), read(`User:${d}`, `${d}._private.state`),
  ];

  it('turns the LITERAL READ bindings on protected topics into grant-access targets, through the principal map', () => {
    const { grants, foreign } = recoverGrants(d, [paid], acls, ['acme.retail.payments', 'acme.shipping', d], principalOf);
    expect(grants.get(paid)).toEqual(['_public', 'acme.retail.payments', 'acme.shipping']);
    expect(foreign.map((b) => b.principal)).toEqual(['User:CN=bob,O=acme']);
  });

  it('finds the other domains\' topics the domain\'s principal reads', () => {
    expect(recoverConsumed(d, acls, principalOf)).toEqual(['acme.retail.payments._protected.payment_settled']);
  });
});

describe('groupTopicsByDomain', () => {
  it('groups topics by the domain their names give, listing the rest as unowned (not Kafka\'s internal ones)', () => {
    const { domains, unowned } = groupTopicsByDomain(['acme.a._public.x', 'acme.a.b._private.y', 'legacy-topic', '__consumer_offsets', '_schemas', 'acme._public']);
    expect([...domains]).toEqual([['acme.a', ['acme.a._public.x']], ['acme.a.b', ['acme.a.b._private.y']]]);
    expect(unowned).toEqual(['_schemas', 'acme._public', 'legacy-topic']);
  });
});
