// Missing AWS permissions, against a moto that enforces IAM (its own `reset-auth`): each call is
// checked against the caller's IAM policies. Plan stops at the first denied read with the missing
// permission and the fix; apply fails each change it cannot make, associates nothing it did not
// create, and converges once the permission is granted. This file runs its own moto and MSK
// emulator, since enforcement applies to every caller of the instance.
import { randomBytes } from 'node:crypto';
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { DescribeSecretCommand, GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AwsError } from '../../src/aws/aws-error.js';
import { KafkajsAdmin } from '../../src/adapters/kafka/kafkajs-admin.js';
import { planSpecs } from '../../src/orchestrate/plan-specs.js';
import { provisionSpecs } from '../../src/orchestrate/provision-specs.js';
import { openScram, type Scram } from '../../src/adapters/aws/open-scram.js';
import { kafkajsConfig } from '../servers/kafka-admin-tools.js';
import { startMoto, type MotoServer } from '../servers/moto.js';
import { allowAll, createIamUser, deny, type IamUserCredentials } from '../servers/moto-iam.js';
import { MskEmulatorControl } from '../servers/msk-emulator-control.js';
import { startMskEmulator, type MskEmulator } from '../servers/msk-emulator.js';
import { AWS_TEST_REGION } from '../servers/msk-emulator-setup.js';
import { spec2, writeTempFiles } from '../support/temp-specs.js';
import { PrincipalClient } from './support/access-probes.js';

const kafka = inject('kafka');
const run = `si${randomBytes(3).toString('hex')}`;
let moto: MotoServer;
let msk: MskEmulator;
let control: MskEmulatorControl;
let admin: KafkajsAdmin;
let full: IamUserCredentials;
let noDescribeKey: IamUserCredentials;
let noCreateSecret: IamUserCredentials;
const opened: Scram[] = [];

const config = (credentials: IamUserCredentials) => ({ region: AWS_TEST_REGION, endpoint: msk.endpoint, credentials, maxAttempts: 1 });

function estate(n: number): { dir: string; domains: string[] } {
  const prefix = `${run}${randomBytes(2).toString('hex')}`;
  const domains = Array.from({ length: n }, (_, i) => `${prefix}.d${i}`);
  return {
    dir: writeTempFiles(Object.fromEntries(domains.map((d) => [`${d}.yaml`, spec2(`urn:${d}`, '  _public.events:\n    publish:\n      message: { payload: { type: object } }\n')]))),
    domains,
  };
}

function scram(clusterArn: string, kmsKeyId: string, credentials: IamUserCredentials): Scram {
  const s = openScram({ clusterArn, kmsKeyId, aws: { endpoint: msk.endpoint, credentials, maxAttempts: 2 } });
  opened.push(s);
  return s;
}

async function newKey(): Promise<string> {
  const kms = new KMSClient(config(full));
  try {
    return (await kms.send(new CreateKeyCommand({ Description: 'specmesh IAM test' }))).KeyMetadata!.Arn!;
  } finally {
    kms.destroy();
  }
}

beforeAll(async () => {
  moto = await startMoto();
  const service = await createIamUser(moto.endpoint, 'msk-service', [allowAll]);
  full = await createIamUser(moto.endpoint, 'platform-admin', [allowAll]);
  noDescribeKey = await createIamUser(moto.endpoint, 'planner-without-kms', [allowAll, deny('kms:DescribeKey')]);
  noCreateSecret = await createIamUser(moto.endpoint, 'deployer-without-create', [allowAll, deny('secretsmanager:CreateSecret')]);
  msk = await startMskEmulator({ motoEndpoint: moto.endpoint, region: AWS_TEST_REGION, kafka, credentials: service });
  control = new MskEmulatorControl(msk.endpoint);
  admin = new KafkajsAdmin(kafkajsConfig(kafka, { clientId: 'specmesh-scram-iam' }));
  await moto.enforceIam();
});

afterAll(async () => {
  await admin?.disconnect();
  for (const s of opened) s.close();
  await msk?.stop();
  await moto?.stop();
});

const provision = (dir: string, s: Scram) =>
  provisionSpecs([dir], { connect: async () => admin, emitters: ['scram'], cacheDir: false, planners: [s.planner], appliers: [s.applier] });

describe('missing AWS permissions, with moto enforcing IAM', () => {
  it('moto really enforces it: unknown credentials are rejected', async () => {
    const sm = new SecretsManagerClient({ ...config(full), credentials: { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'unknown' } });
    await expect(sm.send(new DescribeSecretCommand({ SecretId: 'AmazonMSK_x' }))).rejects.toMatchObject({ name: expect.stringMatching(/UnrecognizedClient|InvalidClientTokenId/) });
    sm.destroy();
  });

  it('plan without kms:DescribeKey stops with the missing permission and the fix', async () => {
    const keyArn = await newKey();
    const { dir } = estate(1);
    const clusterArn = await control.createCluster();
    const failure = await planSpecs([dir], { emitters: ['scram'], cacheDir: false, planners: [scram(clusterArn, keyArn, noDescribeKey).planner] }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AwsError);
    expect((failure as AwsError).message).toMatch(new RegExp(`^AWS denied kms:DescribeKey on ${keyArn}: .*not authorized to perform: kms:DescribeKey`));
    expect((failure as AwsError).fix).toMatch(/^Grant kms:DescribeKey on .* to the identity specmesh runs as/);
  });

  it('provision without secretsmanager:CreateSecret fails each secret, associates none, and converges once granted', async () => {
    const keyArn = await newKey();
    const { dir, domains } = estate(2);
    const clusterArn = await control.createCluster();
    const denied = await provision(dir, scram(clusterArn, keyArn, noCreateSecret));
    const results = denied.report!.results.filter((r) => r.kind === 'scram-secret');
    expect(results.map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(results[0]!.error).toMatch(/AWS denied secretsmanager:CreateSecret on AmazonMSK_specmesh_.*not authorized to perform: secretsmanager:CreateSecret/);
    expect(results[0]!.error).toMatch(/Fix: Grant secretsmanager:CreateSecret, kms:GenerateDataKey, kms:Decrypt/);
    expect(await control.users(clusterArn)).toEqual([]);

    const granted = await provision(dir, scram(clusterArn, keyArn, full));
    expect(granted.report).toMatchObject({ failed: 0 });
    expect((await control.users(clusterArn)).map((u) => u.username).sort()).toEqual([...domains].sort());
    const sm = new SecretsManagerClient(config(full));
    const { password } = JSON.parse((await sm.send(new GetSecretValueCommand({ SecretId: `AmazonMSK_specmesh_${domains[0]}` }))).SecretString!) as { password: string };
    sm.destroy();
    expect(await new PrincipalClient(kafkajsConfig(kafka, { clientId: 'iam-login', username: domains[0]!, password })).produce(`${domains[0]}._public.events`)).toBe('allowed');
  });
});
