// Saved plans against the real broker: `plan --out` then `provision --plan` applies exactly that
// plan; a spec edited or a touched resource changed on the cluster since makes it refuse, naming each.
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { kafkajsConfig } from '../servers/kafka-admin-tools.js';
import { writeTempFiles } from '../support/temp-specs.js';
import { adminConnection, runCli } from './support/cli.js';

const kafka = inject('kafka');
const conn = adminConnection(kafka);
let raw: Admin;

const spec = (domain: string, partitions: number) => `asyncapi: '2.6.0'
id: 'urn:${domain}'
info: { title: Orders, version: '1' }
channels:
  _public.order_placed:
    bindings:
      kafka: { partitions: ${partitions}, replicas: 1 }
    publish:
      message: { payload: { type: object } }
`;

function domain() {
  const name = `sp${randomBytes(3).toString('hex')}.orders`;
  const dir = writeTempFiles({ 'orders-api.yaml': spec(name, 1) });
  const specFile = path.join(dir, 'orders-api.yaml');
  const planFile = path.join(dir, 'plan.json');
  return {
    name, topic: `${name}._public.order_placed`, specFile, planFile,
    writeSpec: (partitions: number) => writeFileSync(specFile, spec(name, partitions)),
    plan: () => runCli(['plan', '--spec', specFile, ...conn.args, '--out', planFile], conn.env),
    provisionPlan: (...extra: string[]) => runCli(['provision', '--plan', planFile, ...conn.args, ...extra], conn.env),
    partitions: async () => {
      const topic = `${name}._public.order_placed`;
      if (!(await raw.listTopics()).includes(topic)) return undefined;
      return (await raw.fetchTopicMetadata({ topics: [topic] })).topics[0]?.partitions.length;
    },
  };
}

beforeAll(async () => {
  raw = new Kafka({ ...kafkajsConfig(kafka), logLevel: logLevel.NOTHING }).admin();
  await raw.connect();
});
afterAll(async () => {
  await raw?.disconnect();
});

describe('saved plans', () => {
  it('applies exactly the saved plan, which holds no secret', async () => {
    const d = domain();
    const planned = await d.plan();
    expect(planned.code, planned.stderr).toBe(0);
    const text = readFileSync(d.planFile, 'utf8');
    expect(text).not.toContain(kafka.adminPassword);
    const saved = JSON.parse(text);
    expect(saved.fingerprints[`topic:${d.topic}`]).toBe('absent');
    const applied = await d.provisionPlan();
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(new RegExp(`Apply: ${saved.plan.summary.create} ok, 0 failed`));
    expect(await d.partitions()).toBe(1);
    // Applied once, the plan's "before" no longer holds: a second apply is refused.
    const again = await d.provisionPlan();
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`topic ${d.topic}: changed on the cluster since the plan was saved`);
  });

  it('refuses when a resource it touches changed on the cluster, naming it, and changes nothing', async () => {
    const d = domain();
    expect((await runCli(['provision', '--spec', d.specFile, ...conn.args, '--auto-approve'], conn.env)).code).toBe(0);
    d.writeSpec(2);
    expect((await d.plan()).code).toBe(0);
    // Someone else grows the topic first: what the plan read (1 partition) no longer holds.
    await raw.createPartitions({ topicPartitions: [{ topic: d.topic, count: 2 }] });
    const r = await d.provisionPlan();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`topic ${d.topic}: changed on the cluster since the plan was saved`);
    expect(r.stderr).toContain('nothing was applied');
    expect(await d.partitions()).toBe(2);
  });

  it('refuses when a spec changed since the plan was saved, naming the file', async () => {
    const d = domain();
    expect((await d.plan()).code).toBe(0);
    d.writeSpec(4);
    const r = await d.provisionPlan();
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/spec .*orders-api\.yaml: changed since the plan was saved/);
    expect(await d.partitions()).toBeUndefined();
  });

  it('without a terminal, applies nothing without --auto-approve or a saved plan, and says how to approve', async () => {
    const d = domain();
    const r = await runCli(['provision', '--spec', d.specFile, ...conn.args], conn.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no terminal to ask for approval');
    expect(r.stderr).toContain('--auto-approve');
    expect(r.stderr).toContain('provision --plan plan.json');
    expect(await d.partitions()).toBeUndefined();
    const dry = await runCli(['provision', '--spec', d.specFile, ...conn.args, '--dry-run'], conn.env);
    expect(dry.code, dry.stderr).toBe(0);
  });
});
