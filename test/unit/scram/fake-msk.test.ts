// The unit tests' FakeMsk holds secrets to MSK's own rules (test/servers/msk-emulator-rules.ts, the
// rules the integration tests' MSK emulator applies), so no planner or applier test can pass on an
// association MSK would refuse.
import { describe, expect, it } from 'vitest';
import { MSK_ERRORS } from '../../servers/msk-emulator-rules.js';
import { ACCOUNT, CLUSTER_ARN, fakePorts, REGION } from './fakes.js';

const creds = JSON.stringify({ username: 'acme.a', password: 'p'.repeat(43) });

function setup() {
  const ports = fakePorts();
  const key = ports.kms.addKey();
  /** A secret's ARN: under `key` with valid credentials unless told otherwise (`kmsKeyId: null`: Secrets Manager's default key). */
  const secret = (name: string, over: { value?: string; kmsKeyId?: string | null; deleted?: boolean } = {}) => {
    const kmsKeyId = over.kmsKeyId === null ? undefined : over.kmsKeyId ?? key.arn;
    return ports.secrets.add({ name, value: over.value ?? creds, ...(kmsKeyId ? { kmsKeyId } : {}), ...(over.deleted ? { deleted: true } : {}) }).arn;
  };
  const associated = () => [...ports.msk.associated.get(CLUSTER_ARN)!];
  return { ...ports, key, secret, associated };
}

describe('FakeMsk applies MSK\'s rules to each secret', () => {
  it('associates a secret MSK accepts', async () => {
    const { msk, secret, associated } = setup();
    const arn = secret('AmazonMSK_ok');
    expect(await msk.batchAssociateScramSecret(CLUSTER_ARN, [arn])).toEqual([]);
    expect(associated()).toEqual([arn]);
  });

  it('refuses, as UnprocessedScramSecrets in the order sent, every secret MSK refuses, and associates the rest', async () => {
    const { msk, kms, secret, associated } = setup();
    const ok = secret('AmazonMSK_ok');
    const cases: [string, string, typeof MSK_ERRORS[keyof typeof MSK_ERRORS]][] = [
      ['no AmazonMSK_ prefix', secret('kafka_orders'), MSK_ERRORS.prefix],
      ['the default key', secret('AmazonMSK_default', { kmsKeyId: null }), MSK_ERRORS.defaultKey],
      ['an AWS-managed key', secret('AmazonMSK_awskey', { kmsKeyId: kms.addKey({ keyManager: 'AWS' }).arn }), MSK_ERRORS.defaultKey],
      ['an asymmetric key', secret('AmazonMSK_rsa', { kmsKeyId: kms.addKey({ keySpec: 'RSA_2048' }).arn }), MSK_ERRORS.notSymmetric],
      ['an HMAC key', secret('AmazonMSK_hmac', { kmsKeyId: kms.addKey({ keySpec: 'HMAC_256', keyUsage: 'GENERATE_VERIFY_MAC' }).arn }), MSK_ERRORS.notSymmetric],
      ['a disabled key', secret('AmazonMSK_off', { kmsKeyId: kms.addKey({ keyState: 'Disabled' }).arn }), MSK_ERRORS.noAccess],
      ['a key that is gone', secret('AmazonMSK_nokey', { kmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/gone` }), MSK_ERRORS.noAccess],
      ['a secret scheduled for deletion', secret('AmazonMSK_deleted', { deleted: true }), MSK_ERRORS.noAccess],
      ['a secret that does not exist', `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:AmazonMSK_missing-abcdef`, MSK_ERRORS.noAccess],
      ['a value without a password', secret('AmazonMSK_nopw', { value: '{"username":"acme.a"}' }), MSK_ERRORS.badValue],
    ];
    const unprocessed = await msk.batchAssociateScramSecret(CLUSTER_ARN, [cases[0]![1], ok, ...cases.slice(1, 9).map((c) => c[1])]);
    const more = await msk.batchAssociateScramSecret(CLUSTER_ARN, [cases[9]![1]]);
    expect(Object.fromEntries([...unprocessed, ...more].map((u) => [cases.find((c) => c[1] === u.secretArn)?.[0] ?? u.secretArn, `${u.errorCode}: ${u.errorMessage}`])))
      .toEqual(Object.fromEntries(cases.map(([name, , r]) => [name, `${r.errorCode}: ${r.errorMessage}`])));
    expect(unprocessed.map((u) => u.secretArn)).toEqual(cases.slice(0, 9).map((c) => c[1]));
    expect(associated()).toEqual([ok]);
  });

  it('refuses secrets of another region or account by their ARN', async () => {
    const { msk } = setup();
    const other = [`arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:AmazonMSK_x-abcdef`, `arn:aws:secretsmanager:${REGION}:210987654321:secret:AmazonMSK_x-abcdef`];
    expect(await msk.batchAssociateScramSecret(CLUSTER_ARN, other)).toEqual(other.map((secretArn) => ({ secretArn, ...MSK_ERRORS.otherAccountOrRegion })));
  });

  it('refuses the 1,001st user of a cluster', async () => {
    const { msk, secret, associated } = setup();
    for (let i = 0; i < 999; i++) msk.associated.get(CLUSTER_ARN)!.add(`arn:seeded:${i}`);
    const [a, b] = [secret('AmazonMSK_a'), secret('AmazonMSK_b')];
    expect(await msk.batchAssociateScramSecret(CLUSTER_ARN, [a, b])).toEqual([{ secretArn: b, ...MSK_ERRORS.tooMany }]);
    expect(associated()).toHaveLength(1000);
  });

  it('refuses to disassociate a secret that is not associated', async () => {
    const { msk, secret } = setup();
    const arn = secret('AmazonMSK_a');
    expect(await msk.batchDisassociateScramSecret(CLUSTER_ARN, [arn])).toEqual([{ secretArn: arn, ...MSK_ERRORS.notAssociated }]);
  });
});

describe('FakeMsk refuses a call as a whole as MSK does', () => {
  it('more than 10 ARNs in one call', async () => {
    const { msk, secret, associated } = setup();
    const arns = Array.from({ length: 11 }, (_, i) => secret(`AmazonMSK_s${i}`));
    await expect(msk.batchAssociateScramSecret(CLUSTER_ARN, arns)).rejects.toMatchObject({ name: 'BadRequestException', message: expect.stringContaining('at most 10') });
    expect(associated()).toEqual([]);
  });

  it('a cluster without SASL/SCRAM, and a serverless one (IAM only), for listing too', async () => {
    const { msk, secret } = setup();
    const arn = secret('AmazonMSK_a');
    msk.info = { state: 'ACTIVE', clusterType: 'PROVISIONED', scramEnabled: false };
    await expect(msk.batchAssociateScramSecret(CLUSTER_ARN, [arn])).rejects.toMatchObject({ name: 'BadRequestException', message: expect.stringMatching(/SCRAM authentication is not enabled/) });
    msk.info = { state: 'ACTIVE', clusterType: 'SERVERLESS', scramEnabled: false };
    for (const call of [() => msk.batchAssociateScramSecret(CLUSTER_ARN, [arn]), () => msk.listScramSecrets(CLUSTER_ARN)]) {
      await expect(call()).rejects.toMatchObject({ name: 'BadRequestException', message: 'This operation cannot be performed on serverless clusters.' });
    }
  });
});
