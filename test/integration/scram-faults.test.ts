// Bad input and faults for the `scram` emitter, against moto, the MSK emulator and the real broker:
// each is refused with a message naming the fix, nothing is half-applied (a secret whose creation
// failed is never associated), and a re-run after a failure converges.
import { randomBytes } from 'node:crypto';
import { CreateAliasCommand, CreateKeyCommand, DescribeKeyCommand, DisableKeyCommand, KMSClient, type CreateKeyCommandInput } from '@aws-sdk/client-kms';
import { CreateSecretCommand, DeleteSecretCommand, DescribeSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { BatchAssociateScramSecretCommand, KafkaClient } from '@aws-sdk/client-kafka';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AwsError } from '../../src/aws/aws-error.js';
import { KafkajsAdmin } from '../../src/adapters/kafka/kafkajs-admin.js';
import { applyPlan } from '../../src/core/apply-plan.js';
import { planSpecs, type PlanSpecsResult } from '../../src/orchestrate/plan-specs.js';
import { asChangeApplier } from '../../src/kinds/kind.js';
import { aclApplier } from '../../src/kinds/acl.js';
import { topicApplier } from '../../src/kinds/topic.js';
import { readLiveState } from '../../src/orchestrate/read-live-state.js';
import { provisionSpecs } from '../../src/orchestrate/provision-specs.js';
import { MskAdapter } from '../../src/adapters/aws/msk-adapter.js';
import { openScram, type OpenScramOptions, type Scram } from '../../src/adapters/aws/open-scram.js';
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
  it('is retried by the SDK until MSK stops throttling, and reported clearly once the attempts run out', async () => {
    const clusterArn = await control.createCluster();
    const patient = new MskAdapter({ region: AWS_TEST_REGION, endpoint: aws.endpoint, credentials: aws.credentials });
    await control.throttle(2);
    expect(await patient.listScramSecrets(clusterArn)).toEqual([]);
    patient.destroy();
    // Both throttling replies were served, to this call's first two attempts; the third got the answer.
    expect(await control.throttled()).toEqual({ pending: 0, served: 2 });
    expect((await control.requests(clusterArn)).map((r) => `${r.op} ${r.status}`))
      .toEqual(['ListScramSecrets 429', 'ListScramSecrets 429', 'ListScramSecrets 200']);

    const hasty = new MskAdapter({ region: AWS_TEST_REGION, endpoint: aws.endpoint, credentials: aws.credentials, maxAttempts: 2 });
    await control.throttle(5);
    const e = await hasty.listScramSecrets(clusterArn).catch((x: unknown) => x);
    const left = await control.throttled();
    await control.throttle(0);
    hasty.destroy();
    expect(e).toBeInstanceOf(AwsError);
    expect((e as AwsError).message).toBe(`AWS kept throttling kafka:ListScramSecrets on ${clusterArn} after 2 attempts: Too Many Requests`);
    expect((e as AwsError).retriable).toBe(true);
    expect(left).toEqual({ pending: 3, served: 2 }); // two attempts, both throttled, then it gave up
    expect((await control.requests(clusterArn)).slice(3).map((r) => `${r.op} ${r.status} ${r.errorType}`))
      .toEqual(['ListScramSecrets 429 TooManyRequestsException', 'ListScramSecrets 429 TooManyRequestsException']);
  });
});

describe('MSK refuses each secret it cannot use (UnprocessedScramSecrets), through the adapter', () => {
  it('another region or account, a value without sign-in credentials, one MSK cannot read, a key that is not symmetric', async () => {
    const clusterArn = await control.createCluster();
    const keyArn = await newKey();
    const sm = new SecretsManagerClient(config());
    const kms = new KMSClient(config());
    const usSm = new SecretsManagerClient({ ...config(), region: 'us-east-1' });
    const usKms = new KMSClient({ ...config(), region: 'us-east-1' });
    try {
      const credentials = (name: string) => JSON.stringify({ username: `${run}-${name}`, password: randomBytes(32).toString('base64url') });
      const secret = async (name: string, kmsKeyId: string, value = credentials(name), client = sm) =>
        (await client.send(new CreateSecretCommand({ Name: `AmazonMSK_${run}_${name}`, KmsKeyId: kmsKeyId, SecretString: value }))).ARN!;
      const keyOf = async (input: CreateKeyCommandInput = {}) => (await kms.send(new CreateKeyCommand(input))).KeyMetadata!.Arn!;

      const usKey = (await usKms.send(new CreateKeyCommand({}))).KeyMetadata!.Arn!;
      const disabledKey = await keyOf();
      await kms.send(new DisableKeyCommand({ KeyId: disabledKey.split(':key/')[1] })); // moto's DisableKey takes the key id only
      const deleted = await secret('deleted', keyArn);
      await sm.send(new DeleteSecretCommand({ SecretId: deleted, RecoveryWindowInDays: 7 }));
      const cases: [string, string, RegExp][] = [
        ['in another region', await secret('us', usKey, undefined, usSm), /must be in the same AWS account and Region as the cluster/],
        ['in another account', `arn:aws:secretsmanager:${AWS_TEST_REGION}:210987654321:secret:AmazonMSK_${run}_acct-AbCdEf`, /must be in the same AWS account and Region as the cluster/],
        ['a value without a password', await secret('nopw', keyArn, JSON.stringify({ username: `${run}-nopw` })), /does not contain sign-in credentials/],
        ['a value that is not JSON', await secret('text', keyArn, 'username=alice password=secret'), /does not contain sign-in credentials/],
        ['scheduled for deletion', deleted, /wasn't able to access the provided secret/],
        ['that does not exist', `arn:aws:secretsmanager:${AWS_TEST_REGION}:${aws.account}:secret:AmazonMSK_${run}_missing-AbCdEf`, /wasn't able to access the provided secret/],
        ['under a disabled key', await secret('offkey', disabledKey), /wasn't able to access the provided secret/],
        ['under an RSA key', await secret('rsa', await keyOf({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' })), /not a symmetric encryption key/],
        ['under an HMAC key', await secret('hmac', await keyOf({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' })), /not a symmetric encryption key/],
      ];
      expect(cases[0]![1]).toContain(':us-east-1:');
      const accepted = await secret('ok', keyArn);

      const msk = new MskAdapter({ region: AWS_TEST_REGION, endpoint: aws.endpoint, credentials: aws.credentials });
      const unprocessed = await msk.batchAssociateScramSecret(clusterArn, [...cases.map((c) => c[1]), accepted]);
      msk.destroy();
      const got = Object.fromEntries(unprocessed.map((u) => [cases.find((c) => c[1] === u.secretArn)?.[0] ?? u.secretArn, `${u.errorCode}: ${u.errorMessage}`]));
      expect(got).toEqual(Object.fromEntries(cases.map(([name, , message]) => [name, expect.stringMatching(new RegExp(`^InvalidSecretArn: .*${message.source}`))])));
      // The one secret MSK can use became a broker user; none of the others did.
      expect((await control.users(clusterArn)).map((u) => u.username)).toEqual([`${run}-ok`]);
    } finally {
      for (const c of [sm, kms, usSm, usKms]) c.destroy();
    }
  });

  it('a serverless cluster (IAM only): the plan says so, and MSK refuses its SCRAM calls', async () => {
    const keyArn = await newKey();
    const clusterArn = await control.createCluster({ serverless: true });
    const { dir } = estate(1);
    const r = await plan(dir, scram({ clusterArn, kmsKeyId: keyArn }));
    expect(r.plan).toBeUndefined();
    expect(errors(r)).toEqual([expect.objectContaining({ code: 'scram-not-enabled', summary: expect.stringContaining('MSK Serverless supports IAM only') })]);

    const sm = new SecretsManagerClient(config());
    const arn = (await sm.send(new CreateSecretCommand({ Name: `AmazonMSK_${run}_serverless`, KmsKeyId: keyArn, SecretString: JSON.stringify({ username: `${run}-serverless`, password: 'p'.repeat(40) }) }))).ARN!;
    sm.destroy();
    const msk = new MskAdapter({ region: AWS_TEST_REGION, endpoint: aws.endpoint, credentials: aws.credentials });
    const refusals = await Promise.all([msk.listScramSecrets(clusterArn), msk.batchAssociateScramSecret(clusterArn, [arn])].map((p) => p.then(() => 'accepted', (e: unknown) => e)));
    msk.destroy();
    for (const [action, e] of [['kafka:ListScramSecrets', refusals[0]], ['kafka:BatchAssociateScramSecret', refusals[1]]] as const) {
      expect(e).toBeInstanceOf(AwsError);
      expect((e as AwsError).message).toBe(`${action} on ${clusterArn} failed: BadRequestException: This operation cannot be performed on serverless clusters.`);
    }
    expect(await control.users(clusterArn)).toEqual([]);
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
    const first = { plan: planned.plan!, report: await applyPlan(planned.plan!, [asChangeApplier('topic', topicApplier(admin)), asChangeApplier('acl', aclApplier(admin)), s.applier]) };
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
    expect(third.plan!.changes.filter((c) => c.kind === 'scram-secret').map((c) => `${c.action} ${c.id}`))
      .toEqual(domains.map((d) => `no-op AmazonMSK_specmesh_${d}`));
  });

  it('MSK refusing the association (no kafka:BatchAssociateScramSecret) fails each change with the fix; a re-run associates', async () => {
    // The emulator has no IAM of its own, so this denial is injected there (moto enforces IAM for Secrets Manager and KMS below).
    const keyArn = await newKey();
    const clusterArn = await control.createCluster();
    const { dir, domains } = estate(2);
    const s = scram({ clusterArn, kmsKeyId: keyArn });
    await control.deny(['kafka:BatchAssociateScramSecret']);
    let first: Awaited<ReturnType<typeof provision>>;
    try {
      first = await provision(dir, s);
    } finally {
      await control.deny([]);
    }
    const failed = first.report!.results.filter((r) => r.kind === 'scram-secret');
    expect(failed.map((r) => [r.id, r.status])).toEqual(domains.map((d) => [`AmazonMSK_specmesh_${d}`, 'failed']));
    expect(failed[0]!.error).toMatch(/is ready \(arn:aws:secretsmanager:.*\), but AWS denied kafka:BatchAssociateScramSecret/);
    expect(failed[0]!.error).toMatch(/Grant kafka:BatchAssociateScramSecret, kms:CreateGrant, kms:DescribeKey, secretsmanager:GetSecretValue/);
    expect(await control.users(clusterArn)).toEqual([]);
    const second = await provision(dir, s);
    expect(second.plan!.changes.filter((c) => c.kind === 'scram-secret').map((c) => c.reason)).toEqual(['associate with the cluster', 'associate with the cluster']);
    expect(second.report).toMatchObject({ failed: 0 });
    for (const d of domains) expect(await logsIn(d)).toBe(true);
  });
});
