// The `iam` emitter managing its policies in AWS (--iam-manage): customer managed policies in IAM
// (moto) attached to the domains' roles, and the MSK cluster policy (the MSK emulator), planned
// against what exists and applied with the topics into the real broker. Each policy is then
// checked with @cloud-copilot/iam-simulate as the role would use it.
import { randomBytes } from 'node:crypto';
import {
  CreatePolicyCommand, CreatePolicyVersionCommand, CreateRoleCommand, DetachRolePolicyCommand, GetPolicyCommand, GetPolicyVersionCommand, IAMClient,
  ListAttachedRolePoliciesCommand, ListPolicyVersionsCommand,
} from '@aws-sdk/client-iam';
import { GetClusterPolicyCommand, KafkaClient, PutClusterPolicyCommand } from '@aws-sdk/client-kafka';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openIam, type ManagedIam } from '../../src/adapters/aws/open-iam.js';
import type { IamOptions } from '../../src/iam/index.js';
import { KafkajsAdmin } from '../../src/adapters/kafka/kafkajs-admin.js';
import { readLiveState } from '../../src/orchestrate/read-live-state.js';
import type { Change } from '../../src/core/change.js';
import { planSpecs } from '../../src/orchestrate/plan-specs.js';
import { provisionSpecs } from '../../src/orchestrate/provision-specs.js';
import { kafkajsConfig } from '../servers/kafka-admin-tools.js';
import { MskEmulatorControl } from '../servers/msk-emulator-control.js';
import { useAwsTestServers } from '../servers/msk-emulator-inject.js';
import type { AwsTestInfo } from '../servers/msk-emulator-setup.js';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { spec2, writeTempFiles } from '../support/temp-specs.js';
import { adminConnection, runCli } from './support/cli.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const kafka = inject('kafka');
const tag = `im${randomBytes(3).toString('hex')}`;
const OTHER_ACCOUNT = '444455556666';
const orders = `${tag}.orders`;
const payments = `${tag}.payments`;
const connector = `${tag}.connector`;

const ordersSpec = spec2(`urn:${orders}`, `  _public.placed:\n    publish: {}\n  _protected.paid:\n    publish:\n      tags: [{ name: 'grant-access:${payments}' }]\n`);
const paymentsSpec = (consumes: string) => spec2(`urn:${payments}`, `  _public.settled:\n    publish: {}\n${consumes}`);
const connectorSpec = spec2(`urn:${connector}`, `  ${orders}._public.placed:\n    subscribe: {}\n`);

let aws: AwsTestInfo;
let stopAws: () => Promise<void>;
let clusterArn: string;
let account: string;
let admin: KafkajsAdmin;
let iamClient: IAMClient;
let mskClient: KafkaClient;
let dir: string;
const managed: ManagedIam[] = [];

const roleArn = (d: string, acct = account) => `arn:aws:iam::${acct}:role/${tag}-${d.split('.').pop()}`;
const policyArn = (d: string, name = `specmesh-${d}`) => `arn:aws:iam::${account}:policy/specmesh/${name}`;
const roleOverrides: Record<string, string> = {};
const iamOptions = (): IamOptions => ({
  clusterArn,
  roleMapping: { [orders]: roleArn(orders), [payments]: roleArn(payments), [connector]: roleArn(connector, OTHER_ACCOUNT), ...roleOverrides },
});
const open = () => {
  const m = openIam({ iam: iamOptions(), aws: { endpoint: aws.endpoint, credentials: aws.credentials, region: aws.region } });
  managed.push(m);
  return m;
};

async function plan(cleanUnspecified = false) {
  const m = open();
  const r = await planSpecs([dir], {
    emitters: ['iam'], iam: iamOptions(), cacheDir: false, cleanUnspecified, readIam: m.read,
    readLive: (ds) => readLiveState(admin, ds),
  });
  if (!r.plan) throw new Error(`plan failed: ${JSON.stringify(r.diagnostics.filter((d) => d.severity === 'error'))}`);
  return r.plan;
}

async function provision(cleanUnspecified = false) {
  const m = open();
  const r = await provisionSpecs([dir], {
    emitters: ['iam'], iam: iamOptions(), cacheDir: false, cleanUnspecified, readIam: m.read, appliers: [m.applier],
    connect: async () => admin, waitForVisibility: false,
  });
  if (!r.plan || !r.report) throw new Error(`provision failed: ${JSON.stringify(r.diagnostics.filter((d) => d.severity === 'error'))}`);
  return r;
}

async function documentOf(arn: string): Promise<unknown> {
  const p = await iamClient.send(new GetPolicyCommand({ PolicyArn: arn }));
  const v = await iamClient.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: p.Policy!.DefaultVersionId! }));
  return JSON.parse(decodeURIComponent(v.PolicyVersion!.Document!));
}
const attached = async (d: string) => ((await iamClient.send(new ListAttachedRolePoliciesCommand({ RoleName: roleArn(d).split('/').pop()! }))).AttachedPolicies ?? []).map((p) => p.PolicyArn);
const pending = (changes: Change[], kind: string) => changes.filter((c) => c.kind === kind && c.action !== 'no-op');
const topicArn = (t: string) => clusterArn.replace(':cluster/', ':topic/') + `/${t}`;

/** AWS's decision for the role's request, over the policies IAM has attached to it now. */
async function asRole(d: string, action: string, resource: string): Promise<string> {
  const arns = await attached(d);
  const policies = await Promise.all(arns.map((a) => documentOf(a!)));
  const result = await runSimulation({
    request: { principal: roleArn(d), action: `kafka-cluster:${action}`, resource: { resource, accountId: account }, contextVariables: {} },
    identityPolicies: policies.map((policy, i) => ({ name: `p${i}`, policy: policy as never })),
    serviceControlPolicies: [], resourceControlPolicies: [],
  }, {});
  if (result.resultType === 'error') throw new Error(JSON.stringify(result.errors));
  return result.overallResult;
}

beforeAll(async () => {
  ({ info: aws, stop: stopAws } = await useAwsTestServers(kafka));
  account = aws.account;
  clusterArn = await new MskEmulatorControl(aws.endpoint).createCluster({ name: tag });
  const config = { region: aws.region, endpoint: aws.endpoint, credentials: aws.credentials };
  iamClient = new IAMClient(config);
  mskClient = new KafkaClient(config);
  for (const d of [orders, payments]) {
    await iamClient.send(new CreateRoleCommand({ RoleName: roleArn(d).split('/').pop()!, AssumeRolePolicyDocument: JSON.stringify({
      Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }) }));
  }
  dir = writeTempFiles({ 'orders-api.yaml': ordersSpec, 'payments-api.yaml': paymentsSpec(`  ${orders}._protected.paid:\n    subscribe: {}\n`), 'connector-api.yaml': connectorSpec });
  admin = new KafkajsAdmin(kafkajsConfig(kafka, { clientId: `${tag}-admin` }));
  await admin.connect();
}, 120_000);

afterAll(async () => {
  for (const m of managed) m.close();
  iamClient?.destroy();
  mskClient?.destroy();
  await admin?.disconnect();
  await stopAws?.();
});

// One estate's policies over time, in this order (each step starts from what the one before left
// in IAM and the cluster policy), so never shuffled.
describe('MSK IAM policies managed in AWS', { shuffle: false }, () => {
  it('creates each domain\'s policy under /specmesh/, attached to its role, and the cluster policy for the other account', async () => {
    const first = await plan();
    expect(pending(first.changes, 'iam-policy').map((c) => [c.action, c.domain])).toEqual([['create', connector], ['create', orders], ['create', payments]]);
    expect(first.warnings.map((w) => w.code)).toContain('iam-other-account');
    const { report, plan: applied } = await provision();
    const byId = new Map(report!.results.map((r) => [r.id, r]));
    const policyChange = (d: string) => applied!.changes.find((c) => c.kind === 'iam-policy' && c.domain === d)!;
    expect(byId.get(policyChange(orders).id)?.status).toBe('ok');
    expect(byId.get(policyChange(payments).id)?.status).toBe('ok');
    // The connector's role lives in another account: its policy is for that account to create.
    expect(byId.get(policyChange(connector).id)).toMatchObject({ status: 'skipped', error: expect.stringContaining(OTHER_ACCOUNT) });
    expect(report!.failed).toBe(0);

    expect(await attached(orders)).toEqual([policyArn(orders)]);
    expect(await documentOf(policyArn(payments))).toEqual((policyChange(payments).after as { document: unknown }).document);
    const clusterPolicy = await mskClient.send(new GetClusterPolicyCommand({ ClusterArn: clusterArn }));
    const statements = (JSON.parse(clusterPolicy.Policy!) as { Statement: { Principal: { AWS: string } }[] }).Statement;
    expect(statements.length).toBeGreaterThan(0);
    expect(statements.every((s) => s.Principal.AWS === roleArn(connector, OTHER_ACCOUNT))).toBe(true);
  });

  it('gives each role exactly what its spec allows, as AWS would decide', async () => {
    expect(await asRole(orders, 'WriteData', topicArn(`${orders}._public.placed`))).toBe('Allowed');
    expect(await asRole(payments, 'ReadData', topicArn(`${orders}._protected.paid`))).toBe('Allowed');
    expect(await asRole(payments, 'WriteData', topicArn(`${orders}._protected.paid`))).toBe('ImplicitlyDenied');
    expect(await asRole(payments, 'ReadData', topicArn(`${orders}._public.placed`))).toBe('ImplicitlyDenied');
  });

  it('plans nothing the second time', async () => {
    const again = await plan();
    expect(pending(again.changes, 'iam-policy').filter((c) => c.domain !== connector)).toEqual([]);
    expect(pending(again.changes, 'msk-cluster-policy')).toEqual([]);
  });

  it('puts back a policy someone edited and detached, with the reasons in the plan', async () => {
    await iamClient.send(new CreatePolicyVersionCommand({ PolicyArn: policyArn(payments), SetAsDefault: true,
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kafka-cluster:*', Resource: '*' }] }) }));
    await iamClient.send(new DetachRolePolicyCommand({ RoleName: roleArn(payments).split('/').pop()!, PolicyArn: policyArn(payments) }));
    const drifted = await plan();
    expect(pending(drifted.changes, 'iam-policy').filter((c) => c.domain === payments)).toEqual([
      expect.objectContaining({ action: 'update', reason: expect.stringMatching(/^policy document: \+ statement Cluster \(Allow kafka-cluster:Connect, .*; - statement #1 \(Allow kafka-cluster:\* on \*\); attach to the role$/) }),
    ]);
    await provision();
    expect(await attached(payments)).toEqual([policyArn(payments)]);
    expect(await asRole(payments, 'WriteData', topicArn(`${orders}._protected.paid`))).toBe('ImplicitlyDenied');
    expect(pending((await plan()).changes, 'iam-policy').filter((c) => c.domain === payments)).toEqual([]);
  });

  it('keeps IAM\'s five-version limit by removing the oldest version', async () => {
    for (let i = 0; i < 5; i++) {
      const versions = (await iamClient.send(new ListPolicyVersionsCommand({ PolicyArn: policyArn(orders) }))).Versions ?? [];
      if (versions.length >= 5) break;
      await iamClient.send(new CreatePolicyVersionCommand({ PolicyArn: policyArn(orders), SetAsDefault: true,
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'kafka-cluster:Connect', Resource: `${clusterArn}-${i}` }] }) }));
    }
    const versionIds = async () => ((await iamClient.send(new ListPolicyVersionsCommand({ PolicyArn: policyArn(orders) }))).Versions ?? [])
      .map((v) => Number(v.VersionId!.slice(1))).sort((a, b) => a - b);
    const before = await versionIds();
    expect(before).toHaveLength(5);
    const { report } = await provision();
    expect(report!.failed).toBe(0);
    // The oldest went, every later one stayed, and the new one is the default.
    expect(await versionIds()).toEqual([...before.slice(1), before.at(-1)! + 1]);
    expect(await asRole(orders, 'WriteData', topicArn(`${orders}._public.placed`))).toBe('Allowed');
  });

  it('keeps statements others put in the cluster policy beside specmesh\'s', async () => {
    const current = await mskClient.send(new GetClusterPolicyCommand({ ClusterArn: clusterArn }));
    const doc = JSON.parse(current.Policy!) as { Version: string; Statement: object[] };
    const theirs = { Sid: 'AuditorDescribe', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER_ACCOUNT}:role/auditor` }, Action: ['kafka:DescribeCluster'], Resource: [clusterArn] };
    await mskClient.send(new PutClusterPolicyCommand({ ClusterArn: clusterArn, CurrentVersion: current.CurrentVersion, Policy: JSON.stringify({ ...doc, Statement: [theirs, ...doc.Statement.slice(1)] }) }));
    const fixed = await plan();
    // The auditor's statement took the place of specmesh's first one, which comes back.
    expect(pending(fixed.changes, 'msk-cluster-policy')).toEqual([expect.objectContaining({ action: 'update',
      reason: expect.stringMatching(/^specmesh's statements for the planned domains differ \(the others are kept\); policy document: \+ statement Specmesh\w+ \(Allow /) })]);
    await provision();
    const after = JSON.parse((await mskClient.send(new GetClusterPolicyCommand({ ClusterArn: clusterArn }))).Policy!) as { Statement: { Sid: string }[] };
    expect(after.Statement.map((s) => s.Sid)).toEqual(['AuditorDescribe', ...doc.Statement.map((s) => (s as { Sid: string }).Sid)]);
    expect(pending((await plan()).changes, 'msk-cluster-policy')).toEqual([]);
  });

  it('moves a domain\'s policy to the role its mapping now names, off the old one', async () => {
    const moved = `${tag}-payments-v2`;
    await iamClient.send(new CreateRoleCommand({ RoleName: moved, AssumeRolePolicyDocument: JSON.stringify({
      Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }) }));
    roleOverrides[payments] = `arn:aws:iam::${account}:role/${moved}`;
    const replanned = await plan();
    expect(pending(replanned.changes, 'iam-policy').filter((c) => c.domain === payments)).toEqual([
      expect.objectContaining({ action: 'update', reason: `attach to the role; detach from ${tag}-payments` }),
    ]);
    await provision();
    expect(await attached(payments)).toEqual([]);
    const onMoved = ((await iamClient.send(new ListAttachedRolePoliciesCommand({ RoleName: moved }))).AttachedPolicies ?? []).map((p) => p.PolicyArn);
    expect(onMoved).toEqual([policyArn(payments)]);
    delete roleOverrides[payments];
    await provision();
    expect(await attached(payments)).toEqual([policyArn(payments)]);
  });

  it('deletes a leftover specmesh policy of a planned domain only with --clean-unspecified, and never another domain\'s', async () => {
    const tags = (d: string) => [{ Key: 'specmesh:managed-by', Value: 'specmesh' }, { Key: 'specmesh:domain', Value: d }, { Key: 'specmesh:role', Value: roleArn(payments) }, { Key: 'specmesh:cluster', Value: clusterArn }];
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kafka-cluster:Connect', Resource: clusterArn }] });
    await iamClient.send(new CreatePolicyCommand({ PolicyName: `specmesh-${payments}-2`, Path: '/specmesh/', PolicyDocument: doc, Tags: tags(payments) }));
    await iamClient.send(new CreatePolicyCommand({ PolicyName: `specmesh-${tag}.unplanned`, Path: '/specmesh/', PolicyDocument: doc, Tags: tags(`${tag}.unplanned`) }));
    const kept = await plan();
    expect(pending(kept.changes, 'iam-policy').filter((c) => c.action === 'delete')).toEqual([]);
    const cleaning = await plan(true);
    expect(pending(cleaning.changes, 'iam-policy').filter((c) => c.action === 'delete').map((c) => (c.before as { policyName: string }).policyName)).toEqual([`specmesh-${payments}-2`]);
    await provision(true);
    await expect(iamClient.send(new GetPolicyCommand({ PolicyArn: policyArn(payments, `specmesh-${payments}-2`) }))).rejects.toThrow(/not found|NoSuchEntity/i);
    expect((await iamClient.send(new GetPolicyCommand({ PolicyArn: policyArn(payments, `specmesh-${tag}.unplanned`) }))).Policy?.PolicyName).toBe(`specmesh-${tag}.unplanned`);
  });

  it('keeps the cluster-policy statements of domains not being planned, as another team\'s run needs them', async () => {
    const before = (await mskClient.send(new GetClusterPolicyCommand({ ClusterArn: clusterArn }))).Policy;
    const teamDir = writeTempFiles({ 'orders-api.yaml': ordersSpec, 'payments-api.yaml': paymentsSpec(`  ${orders}._protected.paid:\n    subscribe: {}\n`) });
    const m = open();
    const r = await planSpecs([teamDir], { emitters: ['iam'], iam: iamOptions(), cacheDir: false, cleanUnspecified: true, readIam: m.read });
    expect(pending(r.plan!.changes, 'msk-cluster-policy')).toEqual([]);
    expect((await mskClient.send(new GetClusterPolicyCommand({ ClusterArn: clusterArn }))).Policy).toBe(before);
  });

  it('stops the plan at a policy of its name that is not its own, and at a role that does not exist', async () => {
    const intruder = `${tag}.intruder`;
    await iamClient.send(new CreatePolicyCommand({ PolicyName: `specmesh-${intruder}`, Path: '/specmesh/',
      PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kafka-cluster:Connect', Resource: clusterArn }] }) }));
    const intruderDir = writeTempFiles({ 'a-api.yaml': spec2(`urn:${intruder}`, '  _public.x:\n    publish: {}\n') });
    roleOverrides[intruder] = roleArn(orders);
    const m = open();
    try {
      const taken = await planSpecs([intruderDir], { emitters: ['iam'], iam: iamOptions(), cacheDir: false, readIam: m.read });
      expect(taken.plan).toBeUndefined();
      expect(taken.diagnostics.find((d) => d.code === 'iam-policy-taken')).toMatchObject({ summary: expect.stringContaining('not made by specmesh'), fix: expect.any(String) });
      roleOverrides[intruder] = `arn:aws:iam::${account}:role/${tag}-nobody`;
      const noRole = await planSpecs([intruderDir], { emitters: ['iam'], iam: iamOptions(), cacheDir: false, readIam: open().read });
      expect(noRole.diagnostics.find((d) => d.code === 'iam-role-not-found')).toMatchObject({ severity: 'error', summary: expect.stringContaining(`${tag}-nobody`) });
    } finally {
      delete roleOverrides[intruder];
    }
  });

  it('narrows policies and takes a domain\'s statements out of the cluster policy as its spec changes', async () => {
    // Payments stops consuming: its policy shrinks to one without the read statement; nothing else changes.
    writeFileSync(path.join(dir, 'payments-api.yaml'), paymentsSpec(''));
    const narrowed = await plan();
    expect(pending(narrowed.changes, 'iam-policy').filter((c) => c.domain !== connector).map((c) => [c.action, c.domain])).toEqual([['update', payments]]);
    // The connector's role moves into the cluster's account: its cluster-policy statements go, the auditor's stay.
    await iamClient.send(new CreateRoleCommand({ RoleName: `${tag}-connector`, AssumeRolePolicyDocument: JSON.stringify({
      Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }) }));
    roleOverrides[connector] = roleArn(connector);
    const moved = await plan();
    expect(pending(moved.changes, 'msk-cluster-policy')).toEqual([expect.objectContaining({ action: 'update' })]);
    await provision();
    // Its role's connectivity grant serves nothing now; it goes with --clean-unspecified only.
    const leftOver = JSON.parse((await mskClient.send(new GetClusterPolicyCommand({ ClusterArn: clusterArn }))).Policy!) as { Statement: { Sid: string }[] };
    expect(leftOver.Statement.map((s) => s.Sid)).toEqual(['AuditorDescribe', `Specmesh${tag[0]!.toUpperCase()}${tag.slice(1)}ConnectorConnectivity`]);
    const { report } = await provision(true);
    expect(report!.failed).toBe(0);
    expect(report!.results.filter((r) => r.status === 'skipped' && r.action !== 'no-op')).toEqual([]);
    const left = JSON.parse((await mskClient.send(new GetClusterPolicyCommand({ ClusterArn: clusterArn }))).Policy!) as { Statement: { Sid: string }[] };
    expect(left.Statement.map((s) => s.Sid), JSON.stringify(left)).toEqual(['AuditorDescribe']);
    expect(await asRole(payments, 'ReadData', topicArn(`${orders}._protected.paid`))).toBe('ImplicitlyDenied');
    expect(await asRole(connector, 'ReadData', topicArn(`${orders}._public.placed`))).toBe('Allowed');
    expect(pending((await plan()).changes, 'iam-policy')).toEqual([]);
  });

  it('does the same through the CLI: --iam-manage plans against IAM and provision applies it', async () => {
    const cliTag = `${tag}.cli`;
    const cliDir = writeTempFiles({ 'a-api.yaml': spec2(`urn:${cliTag}`, '  _public.x:\n    publish: {}\n') });
    const roleName = `specmesh-${cliTag}`;
    await iamClient.send(new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: JSON.stringify({
      Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    }) }));
    const conn = adminConnection(kafka);
    const env = { ...conn.env, AWS_ACCESS_KEY_ID: aws.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: aws.credentials.secretAccessKey, AWS_REGION: aws.region };
    const args = (command: string) => [command, '--spec', cliDir, '--emitter', 'iam', '--iam-manage', '--msk-cluster-arn', clusterArn,
      '--iam-role-template', `arn:aws:iam::${account}:role/specmesh-{domain}`, '--aws-endpoint', aws.endpoint, ...conn.args];
    const before = await runCli([...args('plan'), '--format', 'json', '--detailed-exitcode'], env);
    expect(before.code, before.stderr).toBe(2);
    expect(JSON.parse(before.stdout).changes.filter((c: Change) => c.kind === 'iam-policy').map((c: Change) => c.action)).toEqual(['create']);
    const applied = await runCli([...args('provision'), '--auto-approve', '--visibility-timeout', '0'], env);
    expect(applied.code, applied.stderr).toBe(0);
    const cliPolicy = `arn:aws:iam::${account}:policy/specmesh/specmesh-${cliTag}`;
    expect(((await iamClient.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName }))).AttachedPolicies ?? []).map((p) => p.PolicyArn)).toEqual([cliPolicy]);
    const after = await runCli([...args('plan'), '--detailed-exitcode'], env);
    expect(after.code, after.stdout + after.stderr).toBe(0);
    expect(after.stdout).not.toContain('IAM policies are not read');
    const unmanaged = await runCli(['plan', '--spec', cliDir, '--iam-manage'], env);
    expect(unmanaged.code).toBe(1);
    expect(unmanaged.stderr).toContain('--emitter iam');
  });
});
