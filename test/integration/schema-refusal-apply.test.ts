// No partial apply over a schema the registry refuses: provision asks the registry about every new
// version before it changes anything on the cluster, so a version registered after the plan stops
// the apply before the topic is created; a refusal that still comes at apply time (registered
// after those checks) names the subject, and a re-plan shows it as an error, not a pending change.
import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { httpSchemaRegistry } from '../../src/adapters/registry/http-schema-registry.js';
import { planSpecs } from '../../src/orchestrate/plan-specs.js';
import { applySpecPlan } from '../../src/orchestrate/provision-specs.js';
import { Session } from '../../src/orchestrate/session.js';
import type { SchemaRegistryPort } from '../../src/schema/schema-registry-port.js';
import { writeTempFiles } from '../support/temp-specs.js';

const kafka = inject('kafka');
const registryUrl = inject('schemaRegistry').url;

const record = (ns: string, fields: object[]) => JSON.stringify({ type: 'record', name: 'OrderPlaced', namespace: ns, fields: [{ name: 'id', type: 'string' }, ...fields] });

/**
 * A fresh domain with one new topic whose value subject is registered already (v1, BACKWARD), and
 * a spec whose schema adds `note: string` (compatible with v1). `rival` is another team's v2 of the
 * subject: compatible with v1, and incompatible with the spec's schema (`note` is an int there).
 */
async function scenario() {
  const domain = `sr${randomBytes(3).toString('hex')}.orders`;
  const topic = `${domain}._public.order_placed`;
  const subject = `${topic}-value`;
  const direct = httpSchemaRegistry({ url: registryUrl, retries: 0 });
  await direct.register(subject, { schemaType: 'AVRO', schema: record(domain, []), references: [] });
  await direct.setCompatibility(subject, 'BACKWARD');
  const dir = writeTempFiles({
    'orders-api.yaml': `asyncapi: '2.6.0'
id: 'urn:${domain}'
info: { title: Orders, version: '1' }
channels:
  _public.order_placed:
    bindings:
      kafka: { partitions: 1 }
    publish:
      message:
        payload: { $ref: schema/order_placed.avsc }
`,
    'schema/order_placed.avsc': record(domain, [{ name: 'note', type: 'string', default: '' }]),
  });
  const rival = () => direct.register(subject, { schemaType: 'AVRO', schema: record(domain, [{ name: 'note', type: 'int', default: 0 }]), references: [] });
  const session = (registry?: SchemaRegistryPort) => new Session({
    kafka: { bootstrapServers: kafka.bootstrap, securityProtocol: 'SASL_PLAINTEXT', saslMechanism: 'SCRAM-SHA-512', saslUsername: kafka.adminUser },
    env: { SPECMESH_SASL_PASSWORD: kafka.adminPassword },
    ...(registry ? { ports: { schemaRegistry: registry } } : { schemaRegistry: { url: registryUrl } }),
  });
  const plan = (s: Session) => planSpecs([dir], { emitters: ['acl'], cleanUnspecified: false, cacheDir: false, cwd: dir, session: s });
  const topicExists = async (s: Session) => (await (await s.kafkaAdmin())!.listTopics()).includes(topic);
  return { domain, topic, subject, direct, rival, session, plan, topicExists };
}

describe('no partial apply over a schema the registry refuses', () => {
  it('stops provision before it creates the topic when a version registered after the plan makes the schema incompatible', async () => {
    const s = await scenario();
    const session = s.session();
    try {
      const planned = await s.plan(session);
      expect(planned.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(planned.plan!.changes.filter((c) => c.action !== 'no-op' && (c.kind === 'topic' || c.kind === 'schema')).map((c) => `${c.action} ${c.kind} ${c.id}`))
        .toEqual([`create topic ${s.topic}`, `update schema ${s.subject}`]);

      await s.rival();
      const applied = await applySpecPlan(planned.plan!, session, { waitForVisibility: false });
      expect(await s.topicExists(session)).toBe(false);
      expect(applied.report.ok).toBe(0);
      expect(applied.report.failed).toBe(1);
      expect(applied.report.results).toHaveLength(planned.plan!.changes.length);
      expect(applied.report.results.find((r) => r.status === 'failed')).toMatchObject({ kind: 'schema', id: s.subject });
      expect(applied.refused?.map((d) => d.code)).toEqual(['schema-refused']);
      expect(applied.refused?.[0]?.summary).toContain(`Subject "${s.subject}" would refuse the planned schema`);
      expect(applied.refused?.[0]?.summary).toContain('latest version 2');
      expect(await s.direct.listVersions(s.subject)).toEqual([1, 2]);

      const again = await s.plan(session);
      expect(again.plan).toBeUndefined();
      expect(again.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['schema-incompatible']);
    } finally {
      await session.close();
      await s.direct.close();
    }
  });

  it('names the subject when the registry still refuses at apply time, and a re-plan shows the refusal as an error', async () => {
    const s = await scenario();
    // Another version lands between the checks before the apply and the registration itself.
    let raced = false;
    const racing: SchemaRegistryPort = Object.assign(Object.create(s.direct) as SchemaRegistryPort, {
      register: async (subject: string, schema: Parameters<SchemaRegistryPort['register']>[1]) => {
        if (subject === s.subject && !raced) {
          raced = true;
          await s.rival();
        }
        return s.direct.register(subject, schema);
      },
    });
    const session = s.session(racing);
    try {
      const planned = await s.plan(session);
      expect(planned.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const applied = await applySpecPlan(planned.plan!, session, { waitForVisibility: false });
      expect(raced).toBe(true);
      const schema = applied.report.results.find((r) => r.kind === 'schema' && r.id === s.subject);
      expect(schema?.status).toBe('failed');
      expect(schema?.error).toContain(`Subject "${s.subject}" refused the schema as incompatible`);
      expect(schema?.error).toContain('run plan again');

      const again = await s.plan(session);
      expect(again.plan).toBeUndefined();
      const errors = again.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => d.code)).toEqual(['schema-incompatible']);
      expect(errors[0]!.summary).toContain(`subject "${s.subject}" (latest version 2)`);
    } finally {
      await session.close();
      await s.direct.close();
    }
  });
});
