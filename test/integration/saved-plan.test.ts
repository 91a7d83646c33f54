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
    // Applied once, the cluster holds what it makes: a re-run of the apply step changes nothing and is no failure.
    const again = await d.provisionPlan();
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`The cluster already holds every change of the saved plan ${d.planFile} (applied before, or made since by someone else): nothing to apply.`);
    expect(again.stdout).not.toContain('Apply:');
  });

  it('refuses a saved plan edited by hand, naming each edited change, and applies none of it', async () => {
    const d = domain();
    expect((await d.plan()).code).toBe(0);
    const saved = JSON.parse(readFileSync(d.planFile, 'utf8'));
    const topic = saved.plan.changes.find((c: { kind: string; id: string }) => c.kind === 'topic' && c.id === d.topic);
    topic.after.partitions = 40;
    // An access grant no spec contains, with the summary left as it was.
    const grant = { kind: 'acl', id: `ALLOW User:intruder READ TOPIC ${d.name}._private. PREFIXED`, domain: d.name, action: 'create',
      after: { resourceType: 'TOPIC', resourceName: `${d.name}._private.`, patternType: 'PREFIXED', principal: 'User:intruder', host: '*', operation: 'READ', permissionType: 'ALLOW' } };
    saved.plan.changes.push(grant);
    writeFileSync(d.planFile, JSON.stringify(saved));
    const r = await d.provisionPlan();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is not the plan its specs make: it was edited after `specmesh plan --out` wrote it; nothing was applied');
    expect(r.stderr).toContain(`create topic ${d.topic}: not what the specs plan`);
    expect(r.stderr).toContain(`create acl ${grant.id}: not what the specs plan`);
    expect(await d.partitions()).toBeUndefined();
    const json = await d.provisionPlan('--format', 'json');
    expect(JSON.parse(json.stdout).errors[0].code).toBe('saved-plan-edited');
  });

  it('refuses a planning flag that differs from the saved plan\'s, naming both values', async () => {
    const d = domain();
    expect((await d.plan()).code).toBe(0);
    const r = await d.provisionPlan('--kafka-variant', 'msk-serverless');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--kafka-variant: msk-serverless here, apache in the saved plan');
    expect(await d.partitions()).toBeUndefined();
  });

  it('says so when run from another folder than the plan was made in, rather than "removed"', async () => {
    const d = domain();
    const planDir = path.dirname(d.specFile);
    expect((await runCli(['plan', '--spec', 'orders-api.yaml', ...conn.args, '--out', 'plan.json'], conn.env, { cwd: planDir })).code).toBe(0);
    const elsewhere = writeTempFiles({ 'README.md': 'another folder' });
    const r = await runCli(['provision', '--plan', d.planFile, ...conn.args], conn.env, { cwd: elsewhere });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`None of the saved plan's 1 spec file is under ${elsewhere} (it names orders-api.yaml); nothing was applied`);
    expect(r.stderr).toContain('Run provision from the folder `specmesh plan --out` ran in');
    expect(r.stderr).not.toContain('removed since');
    const there = await runCli(['provision', '--plan', d.planFile, ...conn.args], conn.env, { cwd: planDir });
    expect(there.code, there.stderr).toBe(0);
    expect(await d.partitions()).toBe(1);
  });

  it('refuses when a resource it touches changed on the cluster, naming it, and changes nothing', async () => {
    const d = domain();
    expect((await runCli(['provision', '--spec', d.specFile, ...conn.args, '--auto-approve'], conn.env)).code).toBe(0);
    d.writeSpec(3);
    expect((await d.plan()).code).toBe(0);
    // Someone else grows the topic first, to other than the plan's 3: what the plan read (1 partition) no longer holds.
    await raw.createPartitions({ topicPartitions: [{ topic: d.topic, count: 2 }] });
    const r = await d.provisionPlan();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`topic ${d.topic}: changed on the cluster since the plan was saved`);
    expect(r.stderr).toContain('nothing was applied');
    expect(await d.partitions()).toBe(2);
  });

  it('says why when the cluster changed so that its specs no longer plan at all', async () => {
    const d = domain();
    expect((await runCli(['provision', '--spec', d.specFile, ...conn.args, '--auto-approve'], conn.env)).code).toBe(0);
    d.writeSpec(2);
    expect((await d.plan()).code).toBe(0);
    // Grown past the spec's 2: partitions cannot shrink, so the same specs now fail to plan.
    await raw.createPartitions({ topicPartitions: [{ topic: d.topic, count: 3 }] });
    const r = await d.provisionPlan();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the cluster changed since, and the specs no longer plan against it:');
    expect(r.stderr).toMatch(/orders-api\.yaml:\d+:\d+: .*3 partitions/);
    expect(await d.partitions()).toBe(3);
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
