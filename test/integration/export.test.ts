// `specmesh export` against the real broker and registry: what it writes from the cluster plans
// back to no changes (in AsyncAPI 2.6 and 3.0), a domain without topics is an error, and an
// unreachable registry still gives the spec, with the topics whose schemas are missing named.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { kafkajsConfig } from '../servers/kafka-admin-tools.js';
import { writeTempFiles } from '../support/temp-specs.js';
import { adminConnection, runCli } from './support/cli.js';

const kafka = inject('kafka');
const registry = inject('schemaRegistry');
const conn = adminConnection(kafka);
const tag = `ex${randomBytes(3).toString('hex')}`;
const orders = `${tag}.retail.orders`;
const payments = `${tag}.retail.payments`;
const placed = `${orders}._public.order_placed`;
const paid = `${orders}._protected.order_paid`;
const legacy = `${tag}-legacy-topic`;

const specs = writeTempFiles({
  'orders-api.yaml': `asyncapi: '2.6.0'
id: 'urn:${orders}'
info: { title: Orders, version: '1' }
channels:
  _public.order_placed:
    bindings:
      kafka:
        partitions: 3
        replicas: 1
        x-specmesh-compatibility: FULL
        topicConfiguration: { retention.ms: 604800000, cleanup.policy: [delete, compact] }
    publish:
      message:
        schemaFormat: 'application/vnd.apache.avro+json;version=1.9.0'
        payload: { $ref: schema/${placed}.avsc }
  _protected.order_paid:
    bindings:
      kafka: { partitions: 2 }
    publish:
      tags: [{ name: 'grant-access:${payments}' }, { name: 'grant-access:_public' }]
  _private.order_state:
    bindings:
      kafka: { partitions: 1, configs: { cleanup.policy: compact, max.message.bytes: 2097152 } }
    publish: {}
`,
  [`schema/${placed}.avsc`]: JSON.stringify({ type: 'record', name: 'OrderPlaced', namespace: orders, fields: [{ name: 'id', type: 'string' }] }),
  'payments-api.yaml': `asyncapi: '3.0.0'
id: 'urn:${payments}'
info: { title: Payments, version: '1' }
channels:
  settled:
    address: _public.payment_settled
    bindings: { kafka: { partitions: 2 } }
  paid:
    address: ${paid}
operations:
  sendSettled: { action: send, channel: { $ref: '#/channels/settled' } }
  receivePaid: { action: receive, channel: { $ref: '#/channels/paid' } }
`,
});
const registryArgs = ['--schema-registry-url', registry.url];
const exportCli = (...extra: string[]) => runCli(['export', ...conn.args, ...extra], conn.env);
const planOf = (dir: string) => runCli(['plan', '--spec', dir, ...conn.args, ...registryArgs, '--detailed-exitcode'], conn.env);

let raw: Admin;

beforeAll(async () => {
  raw = new Kafka({ ...kafkajsConfig(kafka), logLevel: logLevel.NOTHING }).admin();
  await raw.connect();
  await raw.createTopics({ topics: [{ topic: legacy, numPartitions: 1 }] });
  const r = await runCli(['provision', '--spec', specs, ...conn.args, ...registryArgs, '--auto-approve'], conn.env);
  expect(r.code, r.stderr).toBe(0);
});
afterAll(async () => {
  await raw?.disconnect();
});

describe('specmesh export', () => {
  for (const version of ['2.6', '3.0']) {
    it(`writes AsyncAPI ${version} specs that plan back to no changes`, async () => {
      const out = writeTempFiles({});
      for (const domain of [orders, payments]) {
        const r = await exportCli('--domain', domain, '--out', out, '--asyncapi-version', version, ...registryArgs);
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toContain(`${domain}: ${path.join(out, `${domain}-api.yaml`)}`);
      }
      const spec = readFileSync(path.join(out, `${orders}-api.yaml`), 'utf8');
      expect(spec).toContain(`asyncapi: ${version}.0`);
      expect(spec).toContain(`id: urn:${orders}`);
      expect(spec).toContain(`grant-access:${payments}`);
      expect(spec).toContain('grant-access:_public');
      expect(spec).toContain(`$ref: schema/${placed}.avsc`);
      expect(spec).toContain('x-specmesh-compatibility: FULL');
      expect(JSON.parse(readFileSync(path.join(out, 'schema', `${placed}.avsc`), 'utf8'))).toMatchObject({ name: 'OrderPlaced' });
      expect(readFileSync(path.join(out, `${payments}-api.yaml`), 'utf8')).toContain(paid);

      const plan = await planOf(out);
      expect(plan.stdout).toContain('Plan: 0 to create, 0 to update, 0 to delete');
      expect(plan.code, plan.stdout + plan.stderr).toBe(0);
    });
  }

  it('exports every domain it recognises and lists the topics that fit none', async () => {
    const out = writeTempFiles({});
    const r = await exportCli('--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(path.join(out, `${orders}-api.yaml`))).toBe(true);
    expect(existsSync(path.join(out, `${payments}-api.yaml`))).toBe(true);
    expect(r.stderr).toContain('Unowned topics');
    expect(r.stderr).toContain(`  ${legacy}\n`);
  });

  it('fails with the fix when no cluster is given', async () => {
    const r = await runCli(['export', '--domain', orders, '--out', writeTempFiles({})], {});
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('export reads the live cluster, and no cluster is configured');
    expect(r.stderr).toContain('--bootstrap-server');
  });

  it('fails with a clear message for a domain that has no topics, and writes nothing', async () => {
    const out = writeTempFiles({});
    const r = await exportCli('--domain', `${tag}.nothing`, '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Domain "${tag}.nothing" has no topics on the cluster`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(out, `${tag}.nothing-api.yaml`))).toBe(false);
  });

  it('still writes the spec when the registry cannot be reached, naming the topics whose schemas are missing', async () => {
    const out = writeTempFiles({});
    const r = await exportCli('--domain', orders, '--out', out, '--schema-registry-url', 'http://127.0.0.1:1', '--schema-registry-timeout', '2');
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(path.join(out, `${orders}-api.yaml`))).toBe(true);
    expect(r.stderr).toMatch(/warning: Schemas not exported for .*order_placed/);
    expect(r.stderr).toContain('127.0.0.1:1');
  });
});
