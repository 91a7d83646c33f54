// Bad input and faults for the `scram` emitter, against moto, the MSK emulator and the real broker:
// each is refused with a message naming the fix, nothing is half-applied (a secret whose creation
// failed is never associated), and a re-run after a failure converges.
import { randomBytes } from 'node:crypto';
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { CreateSecretCommand, DeleteSecretCommand, DescribeSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { BatchAssociateScramSecretCommand, KafkaClient } from '@aws-sdk/client-kafka';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AwsError } from '../../src/aws/aws-error.js';
import { KafkajsAdmin } from '../../src/kafka/kafkajs-admin.js';
import { applyPlan } from '../../src/plan/apply-plan.js';
import { planSpecs, type PlanSpecsResult } from '../../src/plan/plan-specs.js';
import { aclApplier, topicApplier } from '../../src/kafka/kafka-applier.js';
import { readLiveState } from '../../src/kafka/read-live-state.js';
import { provisionSpecs } from '../../src/plan/provision-specs.js';
import { MskAdapter } from '../../src/scram/msk-adapter.js';
import { openScram, type OpenScramOptions, type Scram } from '../../src/scram/open-scram.js';
import { kafkajsConfig } from '../servers/kafka-admin-tools.js';
import { MskEmulatorControl } from '../servers/msk-emulator-control.js';
import { useAwsTestServers } from '../servers/msk-emulator-inject.js';
import { AWS_TEST_REGION, type AwsTestInfo } from '../servers/msk-emulator-setup.js';
import { spec2, writeTempFiles } from '../support/temp-specs.js';
import { PrincipalClient } from './support/access-probes.js';

const kafka = inject('kafka');
const run = `sf${randomBytes(3).toString('hex')}`;
let aws: AwsTestInfo;
let stopAws: () => Promise<void>;
let control: MskEmulatorControl;
let admin: KafkajsAdmin;
const opened: Scram[] = [];

type Credentials = AwsTestInfo['credentials'];
const config = (endpoint = aws.endpoint, credentials: Credentials = aws.credentials) => ({ region: AWS_TEST_REGION, endpoint, credentials });

/** An estate of `n` domains, each owning one public topic; unique per call. */
function estate(n: number): { dir: string; domains: string[] } {
  const prefix = `${run}${randomBytes(2).toString('hex')}`;
  const domains = Array.from({ length: n }, (_, i) => `${prefix}.d${i}`);
  const files = Object.fromEntries(domains.map((d) => [`${d}.yaml`, spec2(`urn:${d}`, '  _public.events:\n    publish:\n      message: { payload: { type: object } }\n')]));
  return { dir: writeTempFiles(files), domains };
}

async function newKey(endpoint?: string, credentials?: Credentials): Promise<string> {
  const kms = new KMSClient(config(endpoint, credentials));
  try {
    return (await kms.send(new CreateKeyCommand({ Description: 'specmesh fault test' }))).KeyMetadata!.Arn!;
  } finally {
    kms.destroy();
  }
}

function scram(options: Partial<OpenScramOptions> & { clusterArn: string }, endpoint?: string, credentials?: Credentials): Scram {
  const s = openScram({ aws: { endpoint: endpoint ?? aws.endpoint, credentials: credentials ?? aws.credentials, maxAttempts: 2 }, ...options });
  opened.push(s);
  return s;
}

const plan = (dir: string, s: Scram): Promise<PlanSpecsResult> =>
  planSpecs([dir], { emitters: ['scram'], cacheDir: false, planners: [s.planner] });
const provision = (dir: string, s: Scram) =>
  provisionSpecs([dir], { connect: async () => admin, emitters: ['scram'], cacheDir: false, planners: [s.planner], appliers: [s.applier] });
const errors = (r: PlanSpecsResult) => r.diagnostics.filter((d) => d.severity === 'error');

async function secretValue(name: string, endpoint?: string, credentials?: Credentials): Promise<{ username: string; password: string }> {
  const sm = new SecretsManagerClient(config(endpoint, credentials));
  try {
    return JSON.parse((await sm.send(new GetSecretValueCommand({ SecretId: name }))).SecretString!) as { username: string; password: string };
  } finally {
    sm.destroy();
  }
}

async function logsIn(domain: string): Promise<boolean> {
  const { password } = await secretValue(`AmazonMSK_specmesh_${domain}`);
  const outcome = await new PrincipalClient(kafkajsConfig(kafka, { clientId: `login-${domain}`, username: domain, password })).produce(`${domain}._public.events`);
  return outcome === 'allowed';
}

beforeAll(async () => {
  ({ info: aws, stop: stopAws } = await useAwsTestServers(kafka));
  control = new MskEmulatorControl(aws.endpoint);
  admin = new KafkajsAdmin(kafkajsConfig(kafka, { clientId: 'specmesh-scram-faults' }));
});

afterAll(async () => {
  await admin?.disconnect();
  for (const s of opened) s.close();
  await stopAws?.();
});

describe('bad input is refused at plan time, naming the fix', () => {
  it('a KMS key that is not customer-managed (aws/secretsmanager)', async () => {
    const kms = new KMSClient(config());
    const awsManaged = (await kms.send(new DescribeKeyCommand({ KeyId: 'alias/aws/secretsmanager' }))).KeyMetadata!;
    kms.destroy();
    expect(awsManaged.KeyManager).toBe('AWS');
    const { dir } = estate(1);
    const r = await plan(dir, scram({ clusterArn: await control.createCluster(), kmsKeyId: awsManaged.Arn! }));
    expect(r.plan).toBeUndefined();
    expect(errors(r)).toEqual([expect.objectContaining({
      code: 'scram-kms-key-unusable',
      summary: expect.stringMatching(/is an AWS-managed key: MSK refuses secrets under AWS-managed keys/),
      fix: expect.stringContaining('--create-kms-key'),
    })]);
  });

  it('an alias where a key id is needed, naming the key it stands for', async () => {
    const keyArn = await newKey();
    const alias = `alias/${run}-kafka`;
    const kms = new KMSClient(config());
    await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: keyArn }));
    kms.destroy();
    const { dir } = estate(1);
    const clusterArn = await control.createCluster();
    for (const given of [alias, `arn:aws:kms:${AWS_TEST_REGION}:${aws.account}:${alias}`]) {
      const r = await plan(dir, scram({ clusterArn, kmsKeyId: given }));
      expect(errors(r)).toEqual([expect.objectContaining({ code: 'scram-kms-key-alias', fix: `Pass the key it points to: --kms-key-id ${keyArn}` })]);
    }
  });

  it('a secret name without the AmazonMSK_ prefix; MSK itself refuses such a secret too', async () => {
    const keyArn = await newKey();
    const clusterArn = await control.createCluster();
    const { dir, domains } = estate(1);
    const r = await plan(dir, scram({ clusterArn, kmsKeyId: keyArn, secretNameFor: (d) => `kafka/${d}` }));
    expect(errors(r)).toEqual([expect.objectContaining({ code: 'scram-secret-name', fix: expect.stringContaining(`"AmazonMSK_kafka/${domains[0]}"`) })]);

    const sm = new SecretsManagerClient(config());
    const arn = (await sm.send(new CreateSecretCommand({ Name: `kafka_${run}`, KmsKeyId: keyArn, SecretString: JSON.stringify({ username: 'x', password: 'y'.repeat(40) }) }))).ARN!;
    sm.destroy();
    const msk = new MskAdapter({ region: AWS_TEST_REGION, endpoint: aws.endpoint, credentials: aws.credentials });
    expect(await msk.batchAssociateScramSecret(clusterArn, [arn])).toEqual([{
      secretArn: arn, errorCode: 'InvalidSecretArn', errorMessage: "The provided secret arn cannot be used with Amazon MSK. Secret names must have the prefix 'AmazonMSK_'",
    }]);
    msk.destroy();
  });

  it('an existing secret under the default key; --rotate-secrets moves it to the customer-managed key', async () => {
    const keyArn = await newKey();
    const clusterArn = await control.createCluster();
    const { dir, domains } = estate(1);
    const name = `AmazonMSK_specmesh_${domains[0]}`;
    const sm = new SecretsManagerClient(config());
    const arn = (await sm.send(new CreateSecretCommand({ Name: name, SecretString: JSON.stringify({ username: domains[0], password: 'old-password-under-default-key' }) }))).ARN!;
    expect((await sm.send(new DescribeSecretCommand({ SecretId: name }))).KmsKeyId).toBeUndefined();

    const refused = await plan(dir, scram({ clusterArn, kmsKeyId: keyArn }));
    expect(errors(refused)).toEqual([expect.objectContaining({ code: 'scram-secret-default-key', fix: expect.stringContaining('--rotate-secrets') })]);
    const msk = new MskAdapter({ region: AWS_TEST_REGION, endpoint: aws.endpoint, credentials: aws.credentials });
    expect((await msk.batchAssociateScramSecret(clusterArn, [arn]))[0]?.errorMessage).toMatch(/default AWS KMS key/);
    msk.destroy();

    const fixed = await provision(dir, scram({ clusterArn, kmsKeyId: keyArn, rotateSecrets: true }));
    expect(fixed.report).toMatchObject({ failed: 0 });
    expect(fixed.plan!.changes.find((c) => c.kind === 'scram-secret')!.reason).toContain(`re-encrypt under ${keyArn}`);
    expect((await sm.send(new DescribeSecretCommand({ SecretId: name }))).KmsKeyId).toBe(keyArn);
    sm.destroy();
    expect((await secretValue(name)).password).not.toBe('old-password-under-default-key');
    expect(await logsIn(domains[0]!)).toBe(true);
  });

  it('more than 1,000 users on the cluster, at plan time; MSK refuses the 1,001st too', async () => {
    const keyArn = await newKey();
    const { dir } = estate(3);
    const full = await control.createCluster({ seedAssociations: 998 });
    const r = await plan(dir, scram({ clusterArn: full, kmsKeyId: keyArn }));
    expect(r.plan).toBeUndefined();
    expect(errors(r)).toEqual([expect.objectContaining({ code: 'scram-user-limit', summary: expect.stringContaining('would have 1001 SCRAM users (998 associated now); MSK allows 1,000 per cluster') })]);

    const almost = await control.createCluster({ seedAssociations: 999 });
    const sm = new SecretsManagerClient(config());
    const arns = await Promise.all([1, 2].map(async (i) => (await sm.send(new CreateSecretCommand({
      Name: `AmazonMSK_${run}_limit${i}`, KmsKeyId: keyArn, SecretString: JSON.stringify({ username: `${run}-limit${i}`, password: randomBytes(32).toString('base64url') }),
    }))).ARN!));
    sm.destroy();
    const msk = new MskAdapter({ region: AWS_TEST_REGION, endpoint: aws.endpoint, credentials: aws.credentials });
    const unprocessed = await msk.batchAssociateScramSecret(almost, arns);
    msk.destroy();
    expect(unprocessed).toEqual([expect.objectContaining({ secretArn: arns[1], errorCode: 'LimitExceeded' })]);
  });

  it('a cluster without SASL/SCRAM, or one that does not exist', async () => {
    const keyArn = await newKey();
    const { dir } = estate(1);
    const off = await plan(dir, scram({ clusterArn: await control.createCluster({ scram: false }), kmsKeyId: keyArn }));
    expect(errors(off)).toEqual([expect.objectContaining({ code: 'scram-not-enabled' })]);
    const gone = await plan(dir, scram({ clusterArn: `arn:aws:kafka:${AWS_TEST_REGION}:${aws.account}:cluster/nope/abc-1`, kmsKeyId: keyArn }));
    expect(errors(gone)).toEqual([expect.objectContaining({ code: 'scram-cluster-not-found' })]);
  });

  it('the emulator holds MSK to 10 ARNs per call, as MSK does', async () => {
    const clusterArn = await control.createCluster();
    const arns = Array.from({ length: 11 }, (_, i) => `arn:aws:secretsmanager:${AWS_TEST_REGION}:${aws.account}:secret:AmazonMSK_x${i}-abcdef`);
    const raw = new KafkaClient({ ...config(), maxAttempts: 1 });
    await expect(raw.send(new BatchAssociateScramSecretCommand({ ClusterArn: clusterArn, SecretArnList: arns }))).rejects.toMatchObject({ name: 'BadRequestException' });
    raw.destroy();
  });
});

describe('throttling', () => {
  it('is retried with backoff by the SDK, and reported clearly once the attempts run out', async () => {
    const clusterArn = await control.createCluster();
    const patient = new MskAdapter({ region: AWS_TEST_REGION, endpoint: aws.endpoint, credentials: aws.credentials });
    await control.throttle(2);
    const t0 = Date.now();
    expect(await patient.listScramSecrets(clusterArn)).toEqual([]);
    expect(Date.now() - t0).toBeGreaterThan(100);
    patient.destroy();

    const hasty = new MskAdapter({ region: AWS_TEST_REGION, endpoint: aws.endpoint, credentials: aws.credentials, maxAttempts: 2 });
    await control.throttle(5);
    const e = await hasty.listScramSecrets(clusterArn).catch((x: unknown) => x);
    await control.throttle(0);
    hasty.destroy();
    expect(e).toBeInstanceOf(AwsError);
    expect((e as AwsError).message).toBe(`AWS kept throttling kafka:ListScramSecrets on ${clusterArn} after 2 attempts: Too Many Requests`);
    expect((e as AwsError).retriable).toBe(true);
  });
});

describe('faults while applying', () => {
  it('a secret whose creation failed is never associated; a re-run converges', async () => {
    const keyArn = await newKey();
    const clusterArn = await control.createCluster();
    const { dir, domains } = estate(3);
    const s = scram({ clusterArn, kmsKeyId: keyArn });
    // Someone else takes one secret name between plan and apply: its creation fails.
    const squatted = `AmazonMSK_specmesh_${domains[1]}`;
    const sm = new SecretsManagerClient(config());
    const planned = await planSpecs([dir], { emitters: ['scram'], cacheDir: false, planners: [s.planner], readLive: (ds) => readLiveState(admin, ds) });
    await sm.send(new CreateSecretCommand({ Name: squatted, KmsKeyId: keyArn, SecretString: '{"username":"intruder","password":"not-specmesh"}' }));
    const first = { plan: planned.plan!, report: await applyPlan(planned.plan!, [topicApplier(admin), aclApplier(admin), s.applier]) };
    const results = first.report!.results.filter((r) => r.kind === 'scram-secret');
    expect(first.report!.results).toHaveLength(first.plan!.changes.length);
    expect(results.map((r) => [r.id, r.status])).toEqual(domains.map((d) => [`AmazonMSK_specmesh_${d}`, d === domains[1] ? 'failed' : 'ok']));
    expect(results.find((r) => r.status === 'failed')!.error).toMatch(/already exists and is not specmesh's secret/);
    expect((await control.users(clusterArn)).map((u) => u.username).sort()).toEqual([domains[0], domains[2]]);

    await sm.send(new DeleteSecretCommand({ SecretId: squatted, ForceDeleteWithoutRecovery: true }));
    sm.destroy();
    const second = await provision(dir, s);
    expect(second.plan!.changes.filter((c) => c.kind === 'scram-secret').map((c) => `${c.action} ${c.id}`))
      .toEqual(domains.map((d) => `${d === domains[1] ? 'create' : 'no-op'} AmazonMSK_specmesh_${d}`));
    expect(second.report).toMatchObject({ failed: 0 });
    expect((await control.users(clusterArn)).map((u) => u.username).sort()).toEqual([...domains].sort());
    for (const d of domains) expect(await logsIn(d)).toBe(true);
    const third = await plan(dir, s);
    expect(third.plan!.changes.filter((c) => c.kind === 'scram-secret').every((c) => c.action === 'no-op')).toBe(true);
  });

  it('MSK refusing the association (no kafka:BatchAssociateScramSecret) fails each change with the fix; a re-run associates', async () => {
    // The emulator has no IAM of its own, so this denial is injected there (moto enforces IAM for Secrets Manager and KMS below).
    const keyArn = await newKey();
    const clusterArn = await control.createCluster();
    const { dir, domains } = estate(2);
    const s = scram({ clusterArn, kmsKeyId: keyArn });
    await control.deny(['kafka:BatchAssociateScramSecret']);
    let first;
    try {
      first = await provision(dir, s);
    } finally {
      await control.deny([]);
    }
    const failed = first.report!.results.filter((r) => r.kind === 'scram-secret');
    expect(failed.every((r) => r.status === 'failed')).toBe(true);
    expect(failed[0]!.error).toMatch(/is ready \(arn:aws:secretsmanager:.*\), but AWS denied kafka:BatchAssociateScramSecret/);
    expect(failed[0]!.error).toMatch(/Grant kafka:BatchAssociateScramSecret, kms:CreateGrant, kms:DescribeKey, secretsmanager:GetSecretValue/);
    expect(await control.users(clusterArn)).toEqual([]);
    const second = await provision(dir, s);
    expect(second.plan!.changes.filter((c) => c.kind === 'scram-secret').map((c) => c.reason)).toEqual(['associate with the cluster', 'associate with the cluster']);
    expect(second.report).toMatchObject({ failed: 0 });
    for (const d of domains) expect(await logsIn(d)).toBe(true);
  });
});
