// specmesh's own least privilege: `specmesh iam tool-policy` prints the policy it needs, and plan and
// provision (iam emitter, --iam-manage, over an MSK IAM connection) succeed as an IAM user holding
// exactly that, with every call checked: moto enforces IAM for IAM and STS, the MSK emulator for
// the cluster policy, and the broker for kafka-cluster actions. With one action removed the run
// fails, naming it. This file runs its own moto and MSK emulator, since enforcement applies to
// every caller of the instance.
import { randomBytes } from 'node:crypto';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MOTO_ACCOUNT, startMoto, type MotoServer } from '../servers/moto.js';
import { allowAll, createIamUser, type IamUserCredentials } from '../servers/moto-iam.js';
import { MskEmulatorControl } from '../servers/msk-emulator-control.js';
import { startMskEmulator, type MskEmulator } from '../servers/msk-emulator.js';
import { AWS_TEST_REGION } from '../servers/msk-emulator-setup.js';
import { MskIamControl } from '../servers/msk-iam-control.js';
import { spec2, writeTempFiles } from '../support/temp-specs.js';
import { runCli } from './support/cli.js';

const kafka = inject('kafka');
const mskIam = inject('mskIam');
const tag = `tp${randomBytes(3).toString('hex')}`;
const control = new MskIamControl(mskIam);
let moto: MotoServer;
let msk: MskEmulator;
let clusterArn: string;
let admin: IamUserCredentials;

const domain = (n: string) => `${tag}.${n}`;
const specDir = (...names: string[]) => writeTempFiles(Object.fromEntries(names.map((n) => [`${n}-api.yaml`, spec2(`urn:${domain(n)}`, '  _public.events:\n    publish: {}\n')])));

async function toolPolicy(command: 'plan' | 'provision'): Promise<{ Statement: { Action: string[] }[] }> {
  const r = await runCli(['iam', 'tool-policy', '--emitter', 'iam', '--iam-manage', '--for', command, '--msk-cluster-arn', clusterArn,
    '--iam-role-template', `arn:aws:iam::${MOTO_ACCOUNT}:role/${tag}-{domain}`]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

/** An IAM user holding `policy` (minus `without`), known to the broker with the policies moto holds for it. */
async function userWith(name: string, policy: { Statement: { Action: string[] }[] }, without?: string): Promise<IamUserCredentials> {
  const statements = policy.Statement.map((s) => ({ ...s, Action: s.Action.filter((a) => a !== without) })).filter((s) => s.Action.length > 0);
  await moto.relaxIam();
  try {
    const user = await createIamUser(moto.endpoint, `${tag}-${name}`, statements);
    control.registerCredential({ accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey, principalArn: user.arn });
    await control.syncPoliciesFromIam({ endpoint: moto.endpoint, region: AWS_TEST_REGION, credentials: admin }, [user.arn]);
    return user;
  } finally {
    await moto.enforceIam();
  }
}

const specmesh = (command: string, dir: string, user: IamUserCredentials) => runCli([command, '--spec', dir, '--emitter', 'iam', '--iam-manage',
  '--msk-cluster-arn', clusterArn, '--iam-role-template', `arn:aws:iam::${MOTO_ACCOUNT}:role/${tag}-{domain}`, '--aws-endpoint', msk.endpoint,
  '--bootstrap-server', mskIam.bootstrap, '--sasl-mechanism', 'AWS_MSK_IAM', '--ssl-ca-file', mskIam.caFile,
  ...(command === 'provision' ? ['--visibility-timeout', '30', '--auto-approve'] : [])],
{ AWS_ACCESS_KEY_ID: user.accessKeyId, AWS_SECRET_ACCESS_KEY: user.secretAccessKey, AWS_REGION: AWS_TEST_REGION });

beforeAll(async () => {
  moto = await startMoto();
  admin = await createIamUser(moto.endpoint, `${tag}-platform-admin`, [allowAll]);
  const service = await createIamUser(moto.endpoint, `${tag}-msk-service`, [allowAll]);
  msk = await startMskEmulator({ motoEndpoint: moto.endpoint, region: AWS_TEST_REGION, kafka, credentials: service });
  clusterArn = await new MskEmulatorControl(msk.endpoint).createCluster({ name: tag, scram: false });
  control.setCluster(clusterArn);
  control.setMotoEndpoint(moto.endpoint);
  control.setMaxConnectsPerSecond(100);
  const iam = new IAMClient({ endpoint: moto.endpoint, region: AWS_TEST_REGION, credentials: admin });
  for (const n of ['orders', 'payments', 'audit', 'ledger']) {
    await iam.send(new CreateRoleCommand({ RoleName: `${tag}-${domain(n)}`, AssumeRolePolicyDocument: JSON.stringify({
      Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }));
  }
  iam.destroy();
  await moto.enforceIam();
  await new MskEmulatorControl(msk.endpoint).enforceIam();
});

afterAll(async () => {
  await msk?.stop();
  await moto?.stop();
});

describe('specmesh with only the policy `specmesh iam tool-policy` prints', () => {
  it('provisions, then plans with the plan policy, every call checked', async () => {
    const dir = specDir('orders', 'payments');
    const deployer = await userWith('deployer', await toolPolicy('provision'));
    const applied = await specmesh('provision', dir, deployer);
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    const planner = await userWith('planner', await toolPolicy('plan'));
    const planned = await specmesh('plan', dir, planner);
    expect(planned.code, planned.stdout + planned.stderr).toBe(0);
    expect(planned.stdout).toContain('No changes.');
  });

  it('fails clearly without one AWS action: the missing iam:CreatePolicy is named, with the fix', async () => {
    const user = await userWith('no-create-policy', await toolPolicy('provision'), 'iam:CreatePolicy');
    const run = await specmesh('provision', specDir('audit'), user);
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/AWS denied iam:CreatePolicy on specmesh-tp\w+\.audit/);
    expect(run.stdout + run.stderr).toMatch(/Grant iam:CreatePolicy/);
  });

  it('fails clearly without one kafka-cluster action: the topic is refused, naming kafka-cluster:CreateTopic', async () => {
    const user = await userWith('no-create-topic', await toolPolicy('provision'), 'kafka-cluster:CreateTopic');
    const run = await specmesh('provision', specDir('ledger'), user);
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/topic tp\w+\.ledger\._public\.events.*not authorized/s);
    expect(run.stdout + run.stderr).toContain('kafka-cluster:CreateTopic');
  });

  it('fails clearly without kafka:GetClusterPolicy, which the MSK control plane checks', async () => {
    const user = await userWith('no-get-cluster-policy', await toolPolicy('plan'), 'kafka:GetClusterPolicy');
    const run = await specmesh('plan', specDir('orders'), user);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/AWS denied kafka:GetClusterPolicy on arn:aws:kafka:.*not authorized to perform: kafka:GetClusterPolicy/);
  });
});
