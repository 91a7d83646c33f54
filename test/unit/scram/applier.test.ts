import { describe, expect, it } from 'vitest';
import { principalResolver } from '../../../src/acl/principals.js';
import { applyPlan } from '../../../src/core/apply-plan.js';
import { summarize, type Change, type Plan } from '../../../src/core/change.js';
import { parseSecretValue } from '../../../src/scram/password.js';
import { scramApplier } from '../../../src/scram/scram-applier.js';
import { scramPlanner, type ScramPlannerOptions } from '../../../src/scram/scram-planner.js';
import { domain } from '../../support/domain-builder.js';
import { CLUSTER_ARN, fakePorts } from './fakes.js';

const domains = ['acme.a', 'acme.b', 'acme.c'].map((d) => domain(d).build());

function setup(over: Partial<ScramPlannerOptions> = {}) {
  const ports = fakePorts();
  const key = ports.kms.addKey();
  const options: ScramPlannerOptions = { clusterArn: CLUSTER_ARN, kmsKeyId: key.arn, principalFor: principalResolver(), ...over };
  const planAndApply = async (cleanUnspecified = false) => {
    const planned = await scramPlanner(ports, options).plan({ domains, cleanUnspecified });
    const plan: Plan = { formatVersion: 1, specs: [], liveSource: 'live', changes: planned.changes, warnings: [], summary: summarize(planned.changes) };
    return { planned, report: await applyPlan(plan, [scramApplier(ports)]) };
  };
  return { ports, key, options, planAndApply };
}

const associated = (ports: ReturnType<typeof fakePorts>) => [...ports.msk.associated.get(CLUSTER_ARN)!];
const arnOf = (ports: ReturnType<typeof fakePorts>, name: string) => ports.secrets.secrets.get(name)?.arn;

describe('scram applier', () => {
  it('creates each secret under the key with a fresh 32-byte password, then associates it', async () => {
    const { ports, key, planAndApply } = setup();
    const { report } = await planAndApply();
    expect(report).toMatchObject({ ok: 3, failed: 0, skipped: 0 });
    const a = ports.secrets.secrets.get('AmazonMSK_specmesh_acme.a')!;
    expect(a.kmsKeyId).toBe(key.arn);
    const value = parseSecretValue(a.value)!;
    expect(value.username).toBe('acme.a');
    expect(Buffer.from(value.password, 'base64url')).toHaveLength(32);
    expect(new Set([...ports.secrets.secrets.values()].map((s) => parseSecretValue(s.value)!.password)).size).toBe(3);
    expect(associated(ports).sort()).toEqual([...ports.secrets.secrets.values()].map((s) => s.arn).sort());
  });

  it('never associates a secret whose creation failed, and gives exactly one result per change', async () => {
    const { ports, planAndApply } = setup();
    ports.secrets.failCreate.set('AmazonMSK_specmesh_acme.b', Object.assign(new Error('User: x is not authorized to perform: secretsmanager:CreateSecret'), { name: 'AccessDeniedException' }));
    const { planned, report } = await planAndApply();
    expect(report.results).toHaveLength(planned.changes.length);
    expect(report).toMatchObject({ ok: 2, failed: 1 });
    const failed = report.results.find((r) => r.status === 'failed')!;
    expect(failed.id).toBe('AmazonMSK_specmesh_acme.b');
    expect(failed.error).toMatch(/AWS denied secretsmanager:CreateSecret on AmazonMSK_specmesh_acme.b/);
    expect(failed.error).toMatch(/Grant secretsmanager:CreateSecret, kms:GenerateDataKey, kms:Decrypt/);
    expect(associated(ports)).toHaveLength(2);
    expect(ports.msk.batches.map((b) => b.size)).toEqual([2]);
  });

  it('converges on a re-run after a failure: the failed secret is created, the rest left alone', async () => {
    const { ports, planAndApply } = setup();
    ports.secrets.failCreate.set('AmazonMSK_specmesh_acme.b', Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { attempts: 8 } }));
    await planAndApply();
    const firstPasswords = [...ports.secrets.secrets.values()].map((s) => s.value);
    ports.secrets.failCreate.clear();
    const { planned, report } = await planAndApply();
    expect(planned.changes.map((c) => `${c.action} ${c.id}`)).toEqual([
      'no-op AmazonMSK_specmesh_acme.a', 'create AmazonMSK_specmesh_acme.b', 'no-op AmazonMSK_specmesh_acme.c',
    ]);
    expect(report).toMatchObject({ ok: 1, failed: 0, skipped: 2 });
    expect(associated(ports)).toHaveLength(3);
    expect(firstPasswords.every((v) => [...ports.secrets.secrets.values()].some((s) => s.value === v))).toBe(true);
    const third = await planAndApply();
    expect(third.planned.changes.every((c) => c.action === 'no-op')).toBe(true);
  });

  it('reports a secret MSK refused, and associates it on a re-run once MSK accepts it', async () => {
    const { ports, planAndApply } = setup();
    ports.msk.refuseWhen = (arn) => (arn.includes('acme.c') ? { errorCode: 'InvalidSecretArn', errorMessage: "Amazon MSK wasn't able to access the provided secret." } : undefined);
    const { report } = await planAndApply();
    expect(report).toMatchObject({ ok: 2, failed: 1 });
    expect(report.results.find((r) => r.status === 'failed')!.error).toMatch(/is ready .* but MSK did not associate .*InvalidSecretArn/);
    ports.msk.refuseWhen = undefined;
    const again = await planAndApply();
    expect(again.planned.changes.filter((c) => c.action !== 'no-op').map((c) => [c.action, c.id, c.reason])).toEqual([['update', 'AmazonMSK_specmesh_acme.c', 'associate with the cluster']]);
    expect(again.report.failed).toBe(0);
    expect(associated(ports)).toHaveLength(3);
  });

  it('takes over a secret an interrupted run created (ResourceExists), keeping its password', async () => {
    const { ports, key, options } = setup();
    const planned = await scramPlanner(ports, options).plan({ domains: domains.slice(0, 1), cleanUnspecified: false });
    ports.secrets.add({ name: 'AmazonMSK_specmesh_acme.a', value: '{"username":"acme.a","password":"kept"}', kmsKeyId: key.arn,
      tags: { 'specmesh:managed-by': 'specmesh', 'specmesh:domain': 'acme.a', 'specmesh:principal': 'User:acme.a' } });
    const results = await scramApplier(ports).apply(planned.changes);
    expect(results.map((r) => r.status)).toEqual(['ok']);
    expect(ports.secrets.secrets.get('AmazonMSK_specmesh_acme.a')!.value).toContain('"kept"');
    expect(associated(ports)).toEqual([arnOf(ports, 'AmazonMSK_specmesh_acme.a')]);
  });

  it('does not take over a secret of the same name that is not this domain\'s', async () => {
    const { ports, key, options } = setup();
    const planned = await scramPlanner(ports, options).plan({ domains: domains.slice(0, 1), cleanUnspecified: false });
    ports.secrets.add({ name: 'AmazonMSK_specmesh_acme.a', value: '{}', kmsKeyId: key.arn });
    const [r] = await scramApplier(ports).apply(planned.changes);
    expect(r).toMatchObject({ status: 'failed' });
    expect(r!.error).toMatch(/already exists and is not specmesh's secret for acme.a/);
    expect(associated(ports)).toEqual([]);
  });

  it('rotates: a new password under the configured key; otherwise passwords are kept', async () => {
    const { ports, planAndApply, options } = setup();
    await planAndApply();
    const before = ports.secrets.secrets.get('AmazonMSK_specmesh_acme.a')!.value;
    const rotate = await scramPlanner(ports, { ...options, rotateSecrets: true }).plan({ domains, cleanUnspecified: false });
    const results = await scramApplier(ports).apply(rotate.changes);
    expect(results.every((r) => r.status === 'ok')).toBe(true);
    const after = ports.secrets.secrets.get('AmazonMSK_specmesh_acme.a')!.value;
    expect(parseSecretValue(after)!.password).not.toBe(parseSecretValue(before)!.password);
    expect(parseSecretValue(after)!.username).toBe('acme.a');
  });

  it('changes the username but keeps the password when the principal map changes', async () => {
    const { ports, planAndApply, options } = setup();
    await planAndApply();
    const before = parseSecretValue(ports.secrets.secrets.get('AmazonMSK_specmesh_acme.a')!.value)!;
    const renamed = await scramPlanner(ports, { ...options, principalFor: principalResolver({ 'acme.a': 'svc-a' }) }).plan({ domains, cleanUnspecified: false });
    const c = renamed.changes.find((x) => x.id === 'AmazonMSK_specmesh_acme.a')!;
    expect(c.reason).toBe('username acme.a → svc-a; tags');
    await scramApplier(ports).apply(renamed.changes);
    expect(parseSecretValue(ports.secrets.secrets.get('AmazonMSK_specmesh_acme.a')!.value)).toEqual({ username: 'svc-a', password: before.password });
  });

  it('disassociates retired secrets in batches of 10, and deletes them only when asked', async () => {
    const { ports, key, options } = setup();
    const tags = { 'specmesh:managed-by': 'specmesh', 'specmesh:domain': 'acme.a', 'specmesh:principal': 'User:acme.a' };
    for (let i = 0; i < 12; i++) ports.msk.associated.get(CLUSTER_ARN)!.add(ports.secrets.add({ name: `AmazonMSK_old${i}_acme.a`, value: '{}', kmsKeyId: key.arn, tags }).arn);
    const planned = await scramPlanner(ports, { ...options, deleteSecrets: true }).plan({ domains: domains.slice(0, 1), cleanUnspecified: true });
    const retired = planned.changes.filter((c) => c.action === 'delete');
    expect(retired).toHaveLength(12);
    const results = await scramApplier(ports).apply(retired);
    expect(results.every((r) => r.status === 'ok')).toBe(true);
    expect(ports.msk.batches.filter((b) => b.op === 'disassociate').map((b) => b.size)).toEqual([10, 2]);
    expect([...ports.secrets.secrets.values()].filter((s) => s.name.startsWith('AmazonMSK_old')).every((s) => s.deletedDate)).toBe(true);
  });

  it('keeps a secret MSK did not let go of', async () => {
    const { ports, key, options } = setup();
    const tags = { 'specmesh:managed-by': 'specmesh', 'specmesh:domain': 'acme.a', 'specmesh:principal': 'User:acme.a' };
    const s = ports.secrets.add({ name: 'AmazonMSK_old_acme.a', value: '{}', kmsKeyId: key.arn, tags });
    ports.msk.associated.get(CLUSTER_ARN)!.add(s.arn);
    ports.msk.refuse.set(s.arn, { errorCode: 'InternalServerError', errorMessage: 'try again' });
    const planned = await scramPlanner(ports, { ...options, deleteSecrets: true }).plan({ domains: domains.slice(0, 1), cleanUnspecified: true });
    const [r] = await scramApplier(ports).apply(planned.changes.filter((c) => c.action === 'delete'));
    expect(r).toMatchObject({ status: 'failed' });
    expect(s.deletedDate).toBeUndefined();
  });

  it('creates the KMS key with its alias before the secrets, and cleans up a key whose alias failed', async () => {
    const ok = setup({ kmsKeyId: undefined, createKmsKey: true });
    const { report } = await ok.planAndApply();
    expect(report).toMatchObject({ ok: 4, failed: 0 });
    const keyArn = (await ok.ports.kms.describeKey('alias/specmesh/msk-scram/retail'))!.arn;
    expect([...ok.ports.secrets.secrets.values()].every((s) => s.kmsKeyId === keyArn)).toBe(true);

    const bad = setup({ kmsKeyId: undefined, createKmsKey: true });
    bad.ports.kms.failAlias = true;
    const failed = await bad.planAndApply();
    expect(failed.report.results.map((r) => `${r.kind}:${r.status}`)).toEqual(['kms-key:failed', 'scram-secret:failed', 'scram-secret:failed', 'scram-secret:failed']);
    expect(failed.report.results[0]!.error).toMatch(/scheduled for deletion/);
    expect(bad.ports.secrets.secrets.size).toBe(0);
  });

  it('scrubs passwords from error messages', async () => {
    const { ports, planAndApply } = setup();
    ports.secrets.createSecret = async (input) => {
      throw Object.assign(new Error(`Invalid parameter: ${input.secretString}`), { name: 'InvalidParameterException' });
    };
    const { report } = await planAndApply();
    for (const r of report.results) {
      expect(r.error).toContain('(sensitive)');
      expect(r.error).not.toMatch(/"password":"[A-Za-z0-9_-]{43}"/);
    }
  });

  it('skips no-op changes and refuses kinds it does not apply', async () => {
    const results = await scramApplier(fakePorts()).apply([{ kind: 'scram-secret', id: 'x', action: 'no-op', before: {}, after: {} } as Change]);
    expect(results).toEqual([{ kind: 'scram-secret', id: 'x', action: 'no-op', status: 'skipped' }]);
  });
});
