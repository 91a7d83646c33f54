// What provision does on a cluster where someone sent one CreateAcls of more than 10,000 bindings.
// KRaft refuses such an operation (POLICY_VIOLATION). Kafka 3.9's controller still keeps the first
// 10,001 bindings of it as existing: creating them again "succeeds" while no broker ever serves
// them. Kafka 4.1 does not. provision must not report such bindings as quietly done: it waits for
// the brokers to serve what was created and names what they do not.
// That refused batch corrupts a 3.9 controller for whatever runs after it, so this test runs on a
// broker of its own, never on the run's shared one.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { toAclEntry } from '../../src/adapters/kafka/acl-codec.js';
import { planSpecs } from '../../src/orchestrate/plan-specs.js';
import type { AclBinding } from '../../src/acl/acl-binding.js';
import { kafkajsConfig, type KafkaTestInfo } from '../servers/kafka-admin-tools.js';
import { startKafka, type KafkaServer } from '../servers/kafka-server.js';
import { writeTempFiles } from '../support/temp-specs.js';
import { adminConnection, runCli } from './support/cli.js';

const shared = inject('kafka');
let server: KafkaServer;
let kafka: KafkaTestInfo;

beforeAll(async () => {
  server = await startKafka({ version: shared.version, libsDir: shared.libsDir });
  kafka = server.info();
});

afterAll(async () => {
  await server?.destroy();
});
const tag = `rf${randomBytes(3).toString('hex')}`;
const domain = `${tag}.orders`;
const dir = writeTempFiles({
  'orders-api.yaml': `asyncapi: '2.6.0'
id: 'urn:${domain}'
info: { title: orders, version: '1.0.0' }
channels:
  _public.order_placed:
    bindings: { kafka: { partitions: 1 } }
    publish: { message: { payload: { type: object } } }
  _private.order_state:
    bindings: { kafka: { partitions: 1 } }
    publish: { message: { payload: { type: object } } }
`,
});
const cli = (command: string, ...extra: string[]) => {
  const conn = adminConnection(kafka);
  return runCli([command, '--spec', dir, ...conn.args, ...(command === 'provision' ? ['--auto-approve'] : []), ...extra], conn.env, { timeoutMs: 50_000 });
};
const phantomKafka = /^3\./.test(shared.version);

describe(`provision after a refused CreateAcls of over 10,000 bindings (Kafka ${shared.version}, a broker of its own)`, () => {
  it(phantomKafka
    ? 'reports the bindings the controller claims but no broker serves, and a re-plan still lists them'
    : 'creates every binding, and a re-plan plans nothing', async () => {
    const desired = await planSpecs([dir], { emitters: ['acl'], cacheDir: false });
    const wanted = desired.plan!.changes.filter((c) => c.kind === 'acl').map((c) => c.after as AclBinding);
    expect(wanted.length).toBeGreaterThan(0);
    const filler: AclBinding[] = Array.from({ length: 10_000 }, (_, i) => ({
      principal: `User:${tag}.filler`, host: '*', resourceType: 'TOPIC', resourceName: `${tag}.filler.t${i}`,
      patternType: 'LITERAL', operation: 'READ', permission: 'ALLOW',
    }));
    const admin = new Kafka({ ...kafkajsConfig(kafka), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const refusal = await admin.createAcls({ acl: [...wanted, ...filler].map(toAclEntry) }).then(() => 'accepted', (e: { errors?: { type?: string }[]; type?: string }) => e.errors?.[0]?.type ?? e.type);
      expect(refusal).toBe('POLICY_VIOLATION');
    } finally {
      await admin.disconnect();
    }

    const provision = await cli('provision', '--visibility-timeout', '8');
    expect(provision.stdout).toMatch(/0 failed/);
    expect(provision.code).toBe(0);
    const replan = await cli('plan', '--format', 'json');
    const creates = (JSON.parse(replan.stdout) as { summary: { create: number } }).summary.create;
    if (phantomKafka) {
      expect(provision.stderr).toContain(`${wanted.length} of ${wanted.length} new ACL bindings were not served by the brokers 8 seconds after Kafka accepted them`);
      expect(provision.stderr).toContain('Restart or fail over the active controller');
      expect(creates).toBe(wanted.length);
    } else {
      expect(provision.stderr).not.toContain('were not served');
      expect(creates).toBe(0);
    }
  }, 120_000);
});
