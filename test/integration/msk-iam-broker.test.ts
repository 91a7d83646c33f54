// The test broker's MSK IAM listener, checked as MSK would behave: tokens signed by
// aws-msk-iam-sasl-signer-js with temporary credentials from moto's STS are verified (SigV4,
// session token, region, expiry, kafka-cluster:Connect), refused ones get MSK's opaque
// "Access denied" with the reason in the broker's own log, and every request is authorized by the
// role's IAM policies as read from IAM (moto).
import { randomBytes } from 'node:crypto';
import { PutRolePolicyCommand, IAMClient } from '@aws-sdk/client-iam';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { MskIamSigner } from '../../src/adapters/kafka/connection/index.js';
import { kafkajsConfig } from '../servers/kafka-admin-tools.js';
import type { RegisteredCredential } from '../servers/msk-iam-control.js';
import { PrincipalClient, type Outcome } from './support/access-probes.js';
import { warmUpCoordinators, createRole, credentialsOf, iamKafkaConfig, signerWith, useMskIam, type MskIamWorld } from './support/msk-iam.js';

const tag = `mb${randomBytes(3).toString('hex')}`;
let world: MskIamWorld;
let prober: string;
let proberCred: RegisteredCredential;

const arn = (type: string, name: string) => world.clusterArn.replace(':cluster/', `:${type}/`) + `/${name}`;
const fixedToken = (token: string): MskIamSigner => async () => ({ token, expiryTime: Date.now() + 600_000 });

/** Connects with a token made by `signer`; returns null when authenticated, else the error message. */
async function connectWith(signer: MskIamSigner): Promise<string | null> {
  const admin = new Kafka({ ...iamKafkaConfig(world, signer), retry: { retries: 0 }, logLevel: logLevel.NOTHING }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await admin.disconnect();
  }
}

async function refusal(signer: MskIamSigner): Promise<{ message: string | null; reason: string | undefined }> {
  const from = world.control.eventsOffset();
  const message = await connectWith(signer);
  const refused = world.control.events(from).find((e) => e.event === 'refused');
  return { message, reason: refused?.reason };
}

const policy = (...Statement: object[]) => ({ Version: '2012-10-17', Statement });

function proberPolicy({ idempotent = true, extra = [] as object[] } = {}) {
  return policy(
    // Action names match in any case, as in IAM.
    { Sid: 'Cluster', Effect: 'Allow', Action: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster', ...(idempotent ? ['kafka-cluster:writedataidempotently'] : [])], Resource: world.clusterArn },
    { Sid: 'Topics', Effect: 'Allow', Action: ['kafka-cluster:DescribeTopic', 'kafka-cluster:WriteData', 'kafka-cluster:ReadData'], Resource: arn('topic', `${tag}.open.*`) },
    // Every group and transactional id of the tag may be described, only some altered (used).
    { Sid: 'DescribeGroups', Effect: 'Allow', Action: ['kafka-cluster:DescribeGroup'], Resource: arn('group', `${tag}.*`) },
    { Sid: 'Groups', Effect: 'Allow', Action: ['kafka-cluster:AlterGroup'], Resource: arn('group', `${tag}.g.*`) },
    { Sid: 'DescribeTransactionalIds', Effect: 'Allow', Action: ['kafka-cluster:DescribeTransactionalId'], Resource: arn('transactional-id', `${tag}.*`) },
    { Sid: 'TransactionalIds', Effect: 'Allow', Action: ['kafka-cluster:AlterTransactionalId'], Resource: arn('transactional-id', `${tag}.tx-?`) },
    { Sid: 'Locked', Effect: 'Deny', Action: 'kafka-cluster:WriteData', Resource: arn('topic', `${tag}.open.locked`) },
    ...extra,
  );
}

async function setProberPolicy(doc: object): Promise<void> {
  const iam = new IAMClient(world.moto);
  await iam.send(new PutRolePolicyCommand({ RoleName: `${tag}-prober`, PolicyName: `${tag}-prober-0`, PolicyDocument: JSON.stringify(doc) }));
  iam.destroy();
  await world.control.syncPoliciesFromIam(world.moto, [prober]);
}

beforeAll(async () => {
  world = await useMskIam(tag);
  prober = await createRole(world, `${tag}-prober`, [proberPolicy()]);
  await world.control.syncPoliciesFromIam(world.moto, [prober]);
  proberCred = await credentialsOf(world, prober);
  // Topics made over the SCRAM listener as its super user, each with a message to read.
  const k = new Kafka({ ...kafkajsConfig(world.kafka), logLevel: logLevel.NOTHING });
  const admin = k.admin();
  await admin.connect();
  await admin.createTopics({ topics: ['open.one', 'open.locked', 'closed'].map((t) => ({ topic: `${tag}.${t}`, numPartitions: 1 })), waitForLeaders: true });
  await admin.disconnect();
  const producer = k.producer();
  await producer.connect();
  await producer.send({ topic: `${tag}.open.one`, messages: [{ value: 'seed' }] });
  await producer.disconnect();
  // The group and transaction coordinators' topics exist before the probes need them.
  await warmUpCoordinators(world.kafka, `${tag}.open.one`);
});

afterAll(async () => {
  await world?.stop();
});

describe('the MSK IAM listener authenticates as MSK does', () => {
  it('accepts a token signed with temporary credentials from STS, as the role those credentials are a session of', async () => {
    const from = world.control.eventsOffset();
    expect(await connectWith(signerWith(proberCred))).toBeNull();
    expect(world.control.events(from).filter((e) => e.event === 'authenticated')).toEqual([
      expect.objectContaining({ accessKeyId: proberCred.accessKeyId, principal: prober, listener: 'IAM' }),
    ]);
  });

  it('refuses an altered token with MSK\'s "Access denied"; the signature is what failed', async () => {
    const { token } = await signerWith(proberCred)({ region: world.region, credentials: { kind: 'default' } });
    const url = new URL(Buffer.from(token, 'base64url').toString());
    const sig = url.searchParams.get('X-Amz-Signature')!;
    url.searchParams.set('X-Amz-Signature', `${sig.slice(0, -1)}${sig.endsWith('0') ? '1' : '0'}`);
    const { message, reason } = await refusal(fixedToken(Buffer.from(url.toString()).toString('base64url')));
    expect(message).toMatch(/SASL OAUTHBEARER authentication failed: \[[0-9a-f-]{36}\]: Access denied$/);
    expect(reason).toContain('signature does not match');
  });

  it('refuses a token past X-Amz-Date + X-Amz-Expires (signed by a clock 20 minutes behind)', async () => {
    vi.useFakeTimers({ now: Date.now() - 20 * 60_000, toFake: ['Date'] });
    let token: string;
    try {
      ({ token } = await signerWith(proberCred)({ region: world.region, credentials: { kind: 'default' } }));
    } finally {
      vi.useRealTimers();
    }
    const { message, reason } = await refusal(fixedToken(token));
    expect(message).toMatch(/Access denied$/);
    expect(reason).toMatch(/^the token expired at \d{8}T\d{6}Z \(X-Amz-Date \d{8}T\d{6}Z \+ X-Amz-Expires 900 s\)$/);
  });

  it('refuses a token signed for another region than the cluster\'s', async () => {
    const { message, reason } = await refusal(signerWith(proberCred, 'us-east-1'));
    expect(message).toMatch(/Access denied$/);
    expect(reason).toContain(`host kafka.us-east-1.amazonaws.com is not kafka.${world.region}.amazonaws.com`);
  });

  it('refuses an access key AWS does not know, and a session token of other credentials', async () => {
    expect((await refusal(signerWith({ accessKeyId: 'ASIAUNKNOWNKEY000001', secretAccessKey: 'x', sessionToken: 'y' }))).reason).toContain('is not known to AWS');
    const other = await credentialsOf(world, prober, 'other-session');
    expect((await refusal(signerWith({ ...proberCred, sessionToken: other.sessionToken! }))).reason).toContain('session token does not belong');
  });

  it('refuses a role whose policies do not allow kafka-cluster:Connect', async () => {
    const idle = await createRole(world, `${tag}-idle`);
    await world.control.syncPoliciesFromIam(world.moto, [idle]);
    const { message, reason } = await refusal(signerWith(await credentialsOf(world, idle)));
    expect(message).toMatch(/Access denied$/);
    expect(reason).toBe(`${idle} may not kafka-cluster:Connect on ${world.clusterArn} (IMPLICIT_DENY)`);
  });

  it('refuses connections over the rate with "Too many connects"', async () => {
    world.control.setMaxConnectsPerSecond(1);
    try {
      await new Promise((r) => setTimeout(r, 1100));
      const results = await Promise.all([1, 2, 3].map(() => connectWith(signerWith(proberCred))));
      expect(results.filter((r) => r === null).length).toBeGreaterThanOrEqual(1);
      expect(results.filter((r) => r?.endsWith('Too many connects')).length).toBeGreaterThanOrEqual(1);
    } finally {
      world.control.setMaxConnectsPerSecond(100);
    }
  });
});

describe('the MSK IAM listener authorizes every request by the role\'s IAM policies', () => {
  const as = () => new PrincipalClient(iamKafkaConfig(world, signerWith(proberCred), { clientId: `${tag}-probe` }));
  const t = (name: string) => `${tag}.${name}`;

  it('maps produce, consume, groups, transactions, idempotence and topic creation to kafka-cluster actions', async () => {
    const from = world.control.eventsOffset();
    const probes: [string, Outcome, () => Promise<Outcome>][] = [
      ['produce to a topic the policy names (WriteData)', 'allowed', () => as().produce(t('open.one'))],
      ['produce to a topic it does not (DescribeTopic, WriteData)', 'denied', () => as().produce(t('closed'))],
      ['produce where an explicit Deny matches beside the Allow', 'denied', () => as().produce(t('open.locked'))],
      ['consume with a group of its own (ReadData, AlterGroup, DescribeGroup)', 'allowed', () => as().consume(t('open.one'), t('g.reader'))],
      ['consume with another group', 'denied', () => as().consume(t('open.one'), t('h.reader'))],
      ['commit a transaction under a transactional id the `?` pattern matches', 'allowed', () => as().transact(t('tx-1'), t('open.one'))],
      ['use a transactional id the pattern does not match', 'denied', () => as().transact(t('tx-12'), t('open.one'))],
      ['produce idempotently (WriteDataIdempotently on the cluster)', 'allowed', () => as().produceIdempotently(t('open.one'))],
      ['create a topic without CreateTopic', 'denied', () => as().createTopic(t('open.new'))],
    ];
    const actual = Object.fromEntries(await Promise.all(probes.map(async ([name, , probe]) => [name, await probe()] as const)));
    expect(actual).toEqual(Object.fromEntries(probes.map(([name, outcome]) => [name, outcome])));
    // What the broker refused, as the request asked it (Metadata, Produce, JoinGroup, InitProducerId, CreateTopics).
    const denied = world.control.events(from).filter((e) => e.event === 'denied').map((e) => `${e.action} ${e.resource} ${e.decision}`);
    expect(denied.sort()).toEqual([
      `kafka-cluster:AlterGroup ${arn('group', t('h.reader'))} IMPLICIT_DENY`,
      `kafka-cluster:AlterTransactionalId ${arn('transactional-id', t('tx-12'))} IMPLICIT_DENY`,
      `kafka-cluster:CreateTopic ${arn('topic', t('open.new'))} IMPLICIT_DENY`,
      `kafka-cluster:DescribeTopic ${arn('topic', t('closed'))} IMPLICIT_DENY`,
      `kafka-cluster:WriteData ${arn('topic', t('open.locked'))} EXPLICIT_DENY`,
    ]);
  });

  it('follows a policy changed in IAM, where a Deny wins over any Allow', async () => {
    await setProberPolicy(proberPolicy({ idempotent: false, extra: [
      { Effect: 'Allow', Action: ['kafka-cluster:CreateTopic'], Resource: arn('topic', `${tag}.open.*`) },
      { Effect: 'Deny', Action: ['kafka-cluster:CreateTopic'], Resource: arn('topic', `${tag}.open.forbidden*`) },
    ] }));
    const from = world.control.eventsOffset();
    expect(await as().produceIdempotently(t('open.one'))).toBe('denied');
    // kafkajs's transactional producer also asks for a producer id without its transactional id.
    expect(await as().transact(t('tx-1'), t('open.one'))).toBe('denied');
    expect(await as().createTopic(t('open.new'))).toBe('allowed');
    expect(await as().createTopic(t('open.forbidden-1'))).toBe('denied');
    expect(world.control.events(from).filter((e) => e.event === 'denied').map((e) => `${e.action} ${e.resource} ${e.decision}`)).toEqual(expect.arrayContaining([
      `kafka-cluster:CreateTopic ${arn('topic', t('open.forbidden-1'))} EXPLICIT_DENY`,
    ]));
  });
});
