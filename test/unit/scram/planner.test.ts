import { describe, expect, it } from 'vitest';
import { principalResolver } from '../../../src/acl/principals.js';
import { isKind, type Change } from '../../../src/core/change.js';
import { scramPlanner, type ScramPlannerOptions } from '../../../src/scram/scram-planner.js';
import type { ScramSecretState } from '../../../src/scram/scram-change.js';
import { secretValue } from '../../../src/scram/password.js';
import { domain } from '../../support/domain-builder.js';
import { ACCOUNT, CLUSTER_ARN, fakePorts, REGION } from './fakes.js';

const orders = domain('acme.retail.orders').build();
const payments = domain('acme.retail.payments').build();
const tags = (d: string) => ({ 'specmesh:managed-by': 'specmesh', 'specmesh:domain': d, 'specmesh:principal': `User:${d}` });

function setup(over: Partial<ScramPlannerOptions> = {}) {
  const ports = fakePorts();
  const key = ports.kms.addKey();
  const options: ScramPlannerOptions = { clusterArn: CLUSTER_ARN, kmsKeyId: key.arn, principalFor: principalResolver(), ...over };
  const plan = (domains = [orders, payments], cleanUnspecified = false) => scramPlanner(ports, options).plan({ domains, cleanUnspecified });
  return { ports, key, plan };
}

const summary = (changes: Change[]) => changes.map((c) => `${c.action} ${c.kind} ${c.id}`);
const codes = (ds: { code: string; severity: string }[], severity = 'error') => ds.filter((d) => d.severity === severity).map((d) => d.code);

describe('scram planner', () => {
  it('plans one scram-secret per domain principal, password always (sensitive), and the MSK ACL warnings', async () => {
    const { plan, key } = setup();
    const { changes, diagnostics } = await plan();
    expect(codes(diagnostics)).toEqual([]);
    expect(summary(changes)).toEqual([
      'create scram-secret AmazonMSK_specmesh_acme.retail.orders',
      'create scram-secret AmazonMSK_specmesh_acme.retail.payments',
    ]);
    expect(changes[0]).toMatchObject({
      domain: 'acme.retail.orders',
      after: { username: 'acme.retail.orders', password: '(sensitive)', mechanism: 'SCRAM-SHA-512', kmsKeyId: key.arn, clusterArn: CLUSTER_ARN, associated: true, generatePassword: true },
    });
    expect(codes(diagnostics, 'warning')).toEqual(expect.arrayContaining(['msk-allow-everyone-default', 'msk-admin-acls', 'scram-propagation']));
  });

  it('keeps an existing, associated secret as it is (no-op), password untouched', async () => {
    const { plan, ports, key } = setup();
    const s = ports.secrets.add({ name: 'AmazonMSK_specmesh_acme.retail.orders', value: secretValue('acme.retail.orders', 'p'), kmsKeyId: key.keyId, tags: tags('acme.retail.orders') });
    ports.msk.associated.get(CLUSTER_ARN)!.add(s.arn);
    const { changes } = await plan([orders]);
    expect(summary(changes)).toEqual(['no-op scram-secret AmazonMSK_specmesh_acme.retail.orders']);
    expect(ports.secrets.calls.some((c) => c.startsWith('getSecretValue'))).toBe(false);
  });

  it('rotates only when asked', async () => {
    const { plan, ports, key } = setup({ rotateSecrets: true });
    const s = ports.secrets.add({ name: 'AmazonMSK_specmesh_acme.retail.orders', value: secretValue('acme.retail.orders', 'p'), kmsKeyId: key.arn, tags: tags('acme.retail.orders') });
    ports.msk.associated.get(CLUSTER_ARN)!.add(s.arn);
    const [c] = (await plan([orders])).changes.filter((x) => isKind(x, 'scram-secret'));
    expect(c).toMatchObject({ action: 'update', reason: 'new password (--rotate-secrets)', after: { generatePassword: true, password: '(sensitive)' } });
  });

  it('associates an existing secret that is not associated yet', async () => {
    const { plan, ports, key } = setup();
    ports.secrets.add({ name: 'AmazonMSK_specmesh_acme.retail.orders', value: '{}', kmsKeyId: key.arn, tags: tags('acme.retail.orders') });
    const [c] = (await plan([orders])).changes;
    expect(c).toMatchObject({ action: 'update', reason: 'associate with the cluster', before: { associated: false }, after: { associated: true, generatePassword: false } });
  });

  it('refuses an existing secret under the default aws/secretsmanager key, with the remedy', async () => {
    const { plan, ports } = setup();
    ports.secrets.add({ name: 'AmazonMSK_specmesh_acme.retail.orders', value: '{}', tags: tags('acme.retail.orders') });
    const { changes, diagnostics } = await plan([orders]);
    expect(changes).toEqual([]);
    const d = diagnostics.find((x) => x.code === 'scram-secret-default-key')!;
    expect(d.summary).toContain('the default aws/secretsmanager key, which MSK refuses');
    expect(d.fix).toContain('--rotate-secrets');
  });

  it('re-encrypts a default-key secret under the configured key when rotation is asked', async () => {
    const { plan, ports, key } = setup({ rotateSecrets: true });
    ports.secrets.add({ name: 'AmazonMSK_specmesh_acme.retail.orders', value: '{}', tags: tags('acme.retail.orders') });
    const [c] = (await plan([orders])).changes.filter((x) => isKind(x, 'scram-secret'));
    expect(c!.action).toBe('update');
    expect(c!.reason).toContain(`re-encrypt under ${key.arn}`);
  });

  it('refuses a secret name taken by another domain', async () => {
    const { plan, ports, key } = setup();
    ports.secrets.add({ name: 'AmazonMSK_specmesh_acme.retail.orders', value: '{}', kmsKeyId: key.arn, tags: tags('acme.retail') });
    expect(codes((await plan([orders])).diagnostics)).toEqual(['scram-secret-taken']);
  });

  describe('the KMS key', () => {
    it('refuses an AWS-managed key', async () => {
      const { ports } = setup();
      const aws = ports.kms.addKey({ keyManager: 'AWS' });
      const { diagnostics } = await scramPlanner(ports, { clusterArn: CLUSTER_ARN, kmsKeyId: aws.arn, principalFor: principalResolver() }).plan({ domains: [orders], cleanUnspecified: false });
      expect(codes(diagnostics)).toEqual(['scram-kms-key-unusable']);
      expect(diagnostics[0]!.summary).toMatch(/AWS-managed key: MSK refuses/);
    });

    it('refuses asymmetric and disabled keys', async () => {
      const { ports } = setup();
      const rsa = ports.kms.addKey({ keySpec: 'RSA_2048' });
      const off = ports.kms.addKey({ keyState: 'Disabled' });
      for (const [k, pattern] of [[rsa, /symmetric encryption keys/], [off, /is Disabled/]] as const) {
        const { diagnostics } = await scramPlanner(ports, { clusterArn: CLUSTER_ARN, kmsKeyId: k.keyId, principalFor: principalResolver() }).plan({ domains: [orders], cleanUnspecified: false });
        expect(diagnostics[0]!.summary).toMatch(pattern);
      }
    });

    it('refuses an alias where a key id is needed, naming the key it points to', async () => {
      const { ports, key } = setup();
      ports.kms.aliases.set('alias/kafka', key.keyId);
      const { diagnostics } = await scramPlanner(ports, { clusterArn: CLUSTER_ARN, kmsKeyId: 'alias/kafka', principalFor: principalResolver() }).plan({ domains: [orders], cleanUnspecified: false });
      expect(diagnostics[0]).toMatchObject({ code: 'scram-kms-key-alias', fix: `Pass the key it points to: --kms-key-id ${key.arn}` });
    });

    it('asks for a key when none is given, and refuses both choices at once', async () => {
      const none = await setup({ kmsKeyId: undefined }).plan([orders]);
      expect(none.diagnostics[0]!.fix).toContain('--kms-key-id');
      const both = await setup({ createKmsKey: true }).plan([orders]);
      expect(codes(both.diagnostics)).toEqual(['scram-kms-key-choice']);
    });

    it('refuses a key of another region', async () => {
      const { diagnostics } = await setup({ kmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/abc` }).plan([orders]);
      expect(codes(diagnostics)).toEqual(['scram-kms-key-region']);
    });

    it('plans a kms-key change with the key policy MSK needs, and secrets under its alias', async () => {
      const { plan, ports } = setup({ kmsKeyId: undefined, createKmsKey: true });
      const { changes } = await plan([orders]);
      expect(summary(changes)).toEqual(['create kms-key alias/specmesh/msk-scram/retail', 'create scram-secret AmazonMSK_specmesh_acme.retail.orders']);
      const policy = JSON.stringify((changes[0]!.after as { policy: unknown }).policy);
      expect(policy).toContain(`arn:aws:iam::${ACCOUNT}:root`);
      expect(policy).toContain(`secretsmanager.${REGION}.amazonaws.com`);
      expect(policy).toContain('kms:CreateGrant');
      expect((changes[1]!.after as ScramSecretState).kmsKeyId).toBe('alias/specmesh/msk-scram/retail');
      // Next run: the key exists under its alias, so only secrets are planned.
      const created = ports.kms.addKey();
      ports.kms.aliases.set('alias/specmesh/msk-scram/retail', created.keyId);
      expect(summary((await plan([orders])).changes)).toEqual(['create scram-secret AmazonMSK_specmesh_acme.retail.orders']);
    });
  });

  it('checks the cluster: exists, SCRAM on, not serverless', async () => {
    const { ports, key } = setup();
    const missing = await scramPlanner(ports, { clusterArn: CLUSTER_ARN.replace('retail', 'nope'), kmsKeyId: key.arn, principalFor: principalResolver() }).plan({ domains: [orders], cleanUnspecified: false });
    expect(codes(missing.diagnostics)).toEqual(['scram-cluster-not-found']);
    ports.msk.info = { state: 'ACTIVE', clusterType: 'PROVISIONED', scramEnabled: false };
    const off = await scramPlanner(ports, { clusterArn: CLUSTER_ARN, kmsKeyId: key.arn, principalFor: principalResolver() }).plan({ domains: [orders], cleanUnspecified: false });
    expect(off.diagnostics.find((d) => d.severity === 'error')!.fix).toContain('update-security');
  });

  it('refuses a bad cluster ARN and an --aws-region other than the cluster\'s', async () => {
    expect(codes((await setup({ clusterArn: 'arn:aws:kafka:nope' }).plan()).diagnostics)).toEqual(['scram-cluster-arn']);
    expect(codes((await setup({ awsRegion: 'us-east-1' }).plan()).diagnostics)).toEqual(['scram-region']);
  });

  describe('the 1,000 users per cluster limit', () => {
    it('is checked at plan time, counting what is associated already', async () => {
      const { plan, ports } = setup();
      for (let i = 0; i < 999; i++) ports.msk.associated.get(CLUSTER_ARN)!.add(`arn:other:${i}`);
      const { diagnostics } = await plan([orders, payments]);
      const d = diagnostics.find((x) => x.code === 'scram-user-limit')!;
      expect(d.summary).toContain('would have 1001 SCRAM users (999 associated now); MSK allows 1,000');
    });

    it('passes at exactly 1,000', async () => {
      const { plan, ports } = setup();
      for (let i = 0; i < 998; i++) ports.msk.associated.get(CLUSTER_ARN)!.add(`arn:other:${i}`);
      expect(codes((await plan([orders, payments])).diagnostics)).toEqual([]);
    });
  });

  describe('--clean-unspecified', () => {
    function withOrphans() {
      const s = setup({ deleteSecrets: false });
      const old = s.ports.secrets.add({ name: 'AmazonMSK_old_acme.retail.orders', value: '{}', kmsKeyId: s.key.arn, tags: tags('acme.retail.orders') });
      const prefixNeighbour = s.ports.secrets.add({ name: 'AmazonMSK_old_acme.retail.ordersx', value: '{}', kmsKeyId: s.key.arn, tags: tags('acme.retail.ordersx') });
      const parent = s.ports.secrets.add({ name: 'AmazonMSK_old_acme.retail', value: '{}', kmsKeyId: s.key.arn, tags: tags('acme.retail') });
      const foreign = s.ports.secrets.add({ name: 'AmazonMSK_handmade', value: '{}', kmsKeyId: s.key.arn, tags: { 'specmesh:domain': 'acme.retail.orders' } });
      for (const x of [old, prefixNeighbour, parent, foreign]) s.ports.msk.associated.get(CLUSTER_ARN)!.add(x.arn);
      return { ...s, old };
    }

    it('disassociates only secrets specmesh made for the planned domains (exact boundary)', async () => {
      const { plan, old } = withOrphans();
      const { changes } = await plan([orders], true);
      const deletes = changes.filter((c) => c.action === 'delete');
      expect(summary(deletes)).toEqual(['delete scram-secret AmazonMSK_old_acme.retail.orders']);
      expect(deletes[0]).toMatchObject({ before: { retire: 'disassociate', arn: old.arn, associated: true } });
    });

    it('keeps them without the flag, and says so', async () => {
      const { plan } = withOrphans();
      const { changes, diagnostics } = await plan([orders], false);
      expect(changes.filter((c) => c.action === 'delete')).toEqual([]);
      expect(diagnostics.find((d) => d.code === 'unspecified-kept')!.summary).toContain('AmazonMSK_old_acme.retail.orders (associated)');
    });

    it('deletes them with --delete-secrets', async () => {
      const s = withOrphans();
      const { changes } = await scramPlanner(s.ports, { clusterArn: CLUSTER_ARN, kmsKeyId: s.key.arn, principalFor: principalResolver(), deleteSecrets: true }).plan({ domains: [orders], cleanUnspecified: true });
      expect(changes.find((c) => c.action === 'delete')).toMatchObject({ before: { retire: 'delete' } });
    });
  });
});
