// End to end with the `scram` emitter: provision an estate (topics and ACLs into the real broker,
// one SCRAM secret per domain into Secrets Manager (moto), associated with the cluster through the
// MSK emulator, which makes them broker users as MSK does). Then each domain logs in with the
// password read back from Secrets Manager and gets exactly what its ACLs allow.
import { randomBytes } from 'node:crypto';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { DescribeSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { KafkaClient, ListScramSecretsCommand } from '@aws-sdk/client-kafka';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KafkajsAdmin } from '../../src/adapters/kafka/kafkajs-admin.js';
import { readLiveState } from '../../src/orchestrate/read-live-state.js';
import { planSpecs } from '../../src/orchestrate/plan-specs.js';
import { provisionSpecs, type ProvisionResult } from '../../src/orchestrate/provision-specs.js';
import { renderJson } from '../../src/render/render-json.js';
import { renderText } from '../../src/render/render-text.js';
import { renderMarkdown } from '../../src/render/render-markdown.js';
import { openScram, type OpenScramOptions, type Scram } from '../../src/adapters/aws/open-scram.js';
import { kafkajsConfig } from '../servers/kafka-admin-tools.js';
import { MskEmulatorControl } from '../servers/msk-emulator-control.js';
import { useAwsTestServers } from '../servers/msk-emulator-inject.js';
import type { AwsTestInfo } from '../servers/msk-emulator-setup.js';
import { PrincipalClient } from './support/access-probes.js';
import { estateProbes, probeEstate } from './support/estate-access.js';
import { writeEstate } from './support/estate.js';
import { spec2, writeTempFiles } from '../support/temp-specs.js';

const kafka = inject('kafka');
const tag = `sc${randomBytes(3).toString('hex')}`;
const { dir, domains } = writeEstate(tag);
const orders = domains[1]!;

let aws: AwsTestInfo;
let stopAws: () => Promise<void>;
let control: MskEmulatorControl;
let clusterArn: string;
let keyArn: string;
let admin: KafkajsAdmin;
let first: ProvisionResult;
const scrams: Scram[] = [];
const printed: string[] = [];
const passwords = new Map<string, string>();

const clientConfig = () => ({ region: aws.region, endpoint: aws.endpoint, credentials: aws.credentials });
const scramFor = (over: Partial<OpenScramOptions> = {}): Scram => {
  const s = openScram({ clusterArn, kmsKeyId: keyArn, aws: { endpoint: aws.endpoint, credentials: aws.credentials }, ...over });
  scrams.push(s);
  return s;
};

async function passwordOf(domain: string): Promise<string> {
  const sm = new SecretsManagerClient(clientConfig());
  try {
    const out = await sm.send(new GetSecretValueCommand({ SecretId: `AmazonMSK_specmesh_${domain}` }));
    const v = JSON.parse(out.SecretString ?? '{}') as { username: string; password: string };
    expect(v.username).toBe(domain);
    return v.password;
  } finally {
    sm.destroy();
  }
}

const as = (d: string, password = passwords.get(d)!) =>
  new PrincipalClient(kafkajsConfig(kafka, { clientId: `scram-${d}`, username: d, password }));

/** Captures everything the process prints while `fn` runs (and still prints it). */
async function capturing<T>(fn: () => Promise<T>): Promise<T> {
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => { printed.push(String(chunk)); return out(chunk, ...(rest as [])); }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => { printed.push(String(chunk)); return err(chunk, ...(rest as [])); }) as typeof process.stderr.write;
  try {
    return await fn();
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

beforeAll(async () => {
  ({ info: aws, stop: stopAws } = await useAwsTestServers(kafka));
  control = new MskEmulatorControl(aws.endpoint);
  clusterArn = await control.createCluster({ name: `it-${tag}` });
  const kms = new KMSClient(clientConfig());
  keyArn = (await kms.send(new CreateKeyCommand({ Description: 'specmesh SCRAM test key' }))).KeyMetadata!.Arn!;
  kms.destroy();
  admin = new KafkajsAdmin(kafkajsConfig(kafka, { clientId: 'specmesh-scram-it' }));
  const scram = scramFor();
  first = await capturing(async () => {
    const result = await provisionSpecs([dir], { connect: async () => admin, emitters: ['scram'], cacheDir: false, planners: [scram.planner], appliers: [scram.applier] });
    if (result.plan) process.stdout.write(renderText(result.plan));
    return result;
  });
  if (!first.report) throw new Error(`nothing applied: ${JSON.stringify(first.diagnostics.filter((d) => d.severity === "error"))}`);
  for (const d of domains) passwords.set(d, await passwordOf(d));
  const producer = new Kafka({ ...kafkajsConfig(kafka), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  for (const c of first.plan!.changes.filter((x) => x.kind === 'topic')) await producer.send({ topic: c.id, messages: [{ value: 'seed' }] });
  await producer.disconnect();
  await new PrincipalClient(kafkajsConfig(kafka, { clientId: 'warm-up' })).consume(`${orders}._public.order_placed`, 'warm-up');
});

afterAll(async () => {
  await admin?.disconnect();
  for (const s of scrams) s.close();
  await stopAws?.();
});

// Steps after the provision in beforeAll, in this order (the rotation changes a password the
// earlier steps check; the last step checks what every earlier one printed), so never shuffled.
describe('provisioning with the scram emitter', { shuffle: false }, () => {
  it('applies topics, ACLs and one SCRAM secret per domain, one result per change', () => {
    expect(first.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(first.report?.results).toHaveLength(first.plan!.changes.length);
    expect(first.report?.failed).toBe(0);
    const created = (kind: string) => first.plan!.changes.filter((c) => c.kind === kind && c.action === 'create').length;
    expect(created('topic')).toBe(10);
    expect(created('acl')).toBeGreaterThan(20);
    expect(first.plan!.changes.filter((c) => c.kind === 'scram-secret').map((c) => c.id).sort()).toEqual(domains.map((d) => `AmazonMSK_specmesh_${d}`).sort());
    expect(first.plan!.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['msk-allow-everyone-default', 'msk-admin-acls']));
  });

  it('stores each secret under the customer-managed key, tagged, with a fresh 32-byte password', async () => {
    const sm = new SecretsManagerClient(clientConfig());
    for (const d of domains) {
      const s = await sm.send(new DescribeSecretCommand({ SecretId: `AmazonMSK_specmesh_${d}` }));
      expect(s.KmsKeyId).toBe(keyArn);
      expect(Object.fromEntries((s.Tags ?? []).map((t) => [t.Key, t.Value]))).toEqual({ 'specmesh:managed-by': 'specmesh', 'specmesh:domain': d, 'specmesh:principal': `User:${d}` });
      expect(Buffer.from(passwords.get(d)!, 'base64url')).toHaveLength(32);
    }
    sm.destroy();
    expect(new Set(passwords.values()).size).toBe(domains.length);
  });

  it('associates every secret with the cluster in one call, and MSK made them broker users', async () => {
    const msk = new KafkaClient(clientConfig());
    const listed = await msk.send(new ListScramSecretsCommand({ ClusterArn: clusterArn }));
    msk.destroy();
    expect(listed.SecretArnList).toHaveLength(domains.length);
    expect((await control.users(clusterArn)).map((u) => u.username).sort()).toEqual([...domains].sort());
    expect((await control.calls()).filter((c) => c.clusterArn === clusterArn).map((c) => [c.op, c.count])).toEqual([['BatchAssociateScramSecret', 5]]);
  });

  it('associates the secrets of 12 domains in calls of 10 and 2 (MSK takes at most 10), and each domain logs in', async () => {
    const many = Array.from({ length: 12 }, (_, i) => `${tag}.many.d${String(i).padStart(2, '0')}`);
    const manyDir = writeTempFiles(Object.fromEntries(many.map((d) => [`${d}.yaml`, spec2(`urn:${d}`, '  _public.events:\n    publish:\n      message: { payload: { type: object } }\n')])));
    const cluster = await control.createCluster({ name: `it-${tag}-many` });
    const scram = scramFor({ clusterArn: cluster });
    const r = await capturing(() => provisionSpecs([manyDir], { connect: async () => admin, emitters: ['scram'], cacheDir: false, planners: [scram.planner], appliers: [scram.applier] }));
    expect(r.report?.failed, JSON.stringify(r.report?.results.filter((x) => x.status === 'failed'))).toBe(0);
    expect(r.plan!.changes.filter((c) => c.kind === 'scram-secret').map((c) => `${c.action} ${c.id}`)).toEqual(many.map((d) => `create AmazonMSK_specmesh_${d}`));
    expect((await control.calls()).filter((c) => c.clusterArn === cluster).map((c) => [c.op, c.count]))
      .toEqual([['BatchAssociateScramSecret', 10], ['BatchAssociateScramSecret', 2]]);
    expect((await control.users(cluster)).map((u) => u.username).sort()).toEqual(many);
    for (const d of [many[0]!, many[11]!]) { // one of each call
      const password = await passwordOf(d);
      expect(await as(d, password).produce(`${d}._public.events`)).toBe('allowed');
      expect(printed.join('')).not.toContain(password);
    }
  });

  it('lets each domain log in with its password from Secrets Manager and do exactly what its ACLs allow', async () => {
    const { actual, expected } = await probeEstate(estateProbes(domains), 'acl', (d) => as(d));
    expect(actual).toEqual(expected);
  });

  it('refuses a login with any other password', async () => {
    const wrong = new Kafka({ ...kafkajsConfig(kafka, { clientId: 'wrong', username: orders, password: `${passwords.get(orders)}x` }), logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
    await expect(wrong.connect()).rejects.toThrow(/SASL|authentication/i);
  });

  it('plans nothing the second time, passwords unchanged', async () => {
    const scram = scramFor();
    const again = await planSpecs([dir], { emitters: ['scram'], cacheDir: false, planners: [scram.planner], readLive: (ds) => readLiveState(admin, ds) });
    expect(again.plan?.summary).toMatchObject({ create: 0, update: 0, delete: 0 });
    for (const d of domains) expect(await passwordOf(d)).toBe(passwords.get(d));
  });

  it('rotates on request: the new password works once MSK syncs, the old one no longer does', async () => {
    const scram = scramFor({ rotateSecrets: true });
    const spec = `${dir}/orders-api.yaml`;
    const rotated = await capturing(() => provisionSpecs([spec], { connect: async () => admin, emitters: ['scram'], cacheDir: false, planners: [scram.planner], appliers: [scram.applier] }));
    expect(rotated.report?.failed).toBe(0);
    expect(rotated.plan!.changes.find((c) => c.kind === 'scram-secret')).toMatchObject({ action: 'update', reason: 'new password (--rotate-secrets)' });
    const fresh = await passwordOf(orders);
    expect(fresh).not.toBe(passwords.get(orders));
    expect(await control.sync(clusterArn)).toBe(1);
    const old = passwords.get(orders)!;
    passwords.set(orders, fresh);
    expect(await as(orders).produce(`${orders}._public.order_placed`)).toBe('allowed');
    const stale = new Kafka({ ...kafkajsConfig(kafka, { clientId: 'stale', username: orders, password: old }), logLevel: logLevel.NOTHING, retry: { retries: 0 } }).admin();
    await expect(stale.connect()).rejects.toThrow(/SASL|authentication/i);
    passwords.set(`${orders}#old`, old);
  });

  it('never shows a password: not in the plan (json, text, markdown), the results, or anything printed', async () => {
    expect(passwords.size).toBeGreaterThan(domains.length);
    const outputs = [renderJson(first.plan!), renderText(first.plan!, { verbose: true }), renderMarkdown(first.plan!), JSON.stringify(first.report), JSON.stringify(first.diagnostics), printed.join('')];
    expect(printed.join('')).toContain('scram-secret');
    for (const out of outputs) for (const p of passwords.values()) expect(out).not.toContain(p);
    expect(renderJson(first.plan!)).toContain('"password": "(sensitive)"');
  });
});
