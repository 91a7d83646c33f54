// `specmesh storage` and `specmesh consumption` on MSK with IAM need only the read actions the
// README lists: a role with just those reads both reports through the IAM listener (policies
// enforced as MSK does), and a role without kafka-cluster:DescribeCluster is told what to grant.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { kafkajsConfig } from '../servers/kafka-admin-tools.js';
import type { RegisteredCredential } from '../servers/msk-iam-control.js';
import { spec2, writeTempFiles } from '../support/temp-specs.js';
import { runCli } from './support/cli.js';
import { cliCredentialsEnv, createRole, credentialsOf, iamCliArgs, useMskIam, type MskIamWorld } from './support/msk-iam.js';

const tag = `iu${randomBytes(3).toString('hex')}`;
const topic = `${tag}.app._public.events`;
const dir = writeTempFiles({ 'app-api.yaml': spec2(`urn:${tag}.app`, '  _public.events:\n    publish: {}\n') });
const kafka = inject('kafka');
const N = 7;
let world: MskIamWorld;
let reader: RegisteredCredential;
let noCluster: RegisteredCredential;

/** The README's read actions, on this cluster's ARNs; `without` leaves one out. */
function readPolicy(clusterArn: string, without?: string): object {
  const arn = (kind: string, rest: string) => `${clusterArn.replace(':cluster/', `:${kind}/`)}/${rest}`;
  const statements = [
    { Effect: 'Allow', Action: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster'], Resource: clusterArn },
    { Effect: 'Allow', Action: ['kafka-cluster:DescribeTopic'], Resource: arn('topic', `${tag}.*`) },
    { Effect: 'Allow', Action: ['kafka-cluster:DescribeGroup'], Resource: arn('group', '*') },
  ].map((s) => ({ ...s, Action: s.Action.filter((a) => a !== without) }));
  return { Version: '2012-10-17', Statement: statements };
}

beforeAll(async () => {
  world = await useMskIam(tag);
  // The topic and its records, made as the SCRAM super user.
  const run = await runCli(
    ['provision', '--spec', dir, '--auto-approve', '--bootstrap-server', kafka.bootstrap, '--security-protocol', 'SASL_PLAINTEXT', '--sasl-mechanism', 'SCRAM-SHA-512', '--sasl-username', kafka.adminUser],
    { SPECMESH_SASL_PASSWORD: kafka.adminPassword },
  );
  expect(run.code, run.stderr).toBe(0);
  const producer = new Kafka({ ...kafkajsConfig(kafka), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  await producer.send({ topic, messages: Array.from({ length: N }, (_, i) => ({ value: `m${i}` })) });
  await producer.disconnect();
  const readerRole = await createRole(world, `${tag}-reader`, [readPolicy(world.clusterArn)]);
  const noClusterRole = await createRole(world, `${tag}-nocluster`, [readPolicy(world.clusterArn, 'kafka-cluster:DescribeCluster')]);
  await world.control.syncPoliciesFromIam(world.moto, [readerRole, noClusterRole]);
  reader = await credentialsOf(world, readerRole);
  noCluster = await credentialsOf(world, noClusterRole);
});

afterAll(async () => {
  await world?.stop();
});

const env = (cred: RegisteredCredential) => ({ ...cliCredentialsEnv(cred), AWS_REGION: world.region });

describe('usage reports on MSK with IAM', () => {
  it('storage and consumption need only the read actions the README lists', async () => {
    const storage = await runCli(['storage', '--spec', dir, '--format', 'json', ...iamCliArgs(world)], env(reader));
    expect(storage.code, storage.stderr).toBe(0);
    const json = JSON.parse(storage.stdout) as { topics: { topic: string; messages: number; bytes: number }[] };
    expect(json.topics.find((t) => t.topic === topic)).toMatchObject({ messages: N });
    expect(json.topics.find((t) => t.topic === topic)!.bytes).toBeGreaterThan(0);
    const consumption = await runCli(['consumption', '--spec', dir, '--format', 'json', ...iamCliArgs(world)], env(reader));
    expect(consumption.code, consumption.stderr).toBe(0);
    expect(JSON.parse(consumption.stdout).rows).toEqual([{ domain: `${tag}.app`, topic }]);
  });

  it('without kafka-cluster:DescribeCluster, storage says what to grant', async () => {
    const storage = await runCli(['storage', '--spec', dir, ...iamCliArgs(world)], env(noCluster));
    expect(storage.code).toBe(1);
    expect(storage.stderr).toMatch(/not authorized to describeLogDirs/);
    expect(storage.stderr).toContain('kafka-cluster:DescribeCluster');
    expect(storage.stderr).not.toMatch(/\bat .+\.js:\d+/);
  });
});
