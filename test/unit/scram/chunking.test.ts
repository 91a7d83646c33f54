import { describe, expect, it } from 'vitest';
import { applyAssociations, describeUnprocessed } from '../../../src/scram/associate-secrets.js';
import { chunk } from '../../../src/scram/chunk.js';
import { CLUSTER_ARN, FakeMsk, fakePorts } from './fakes.js';

describe('chunking', () => {
  it('splits into runs of at most the size, keeping order', () => {
    const items = Array.from({ length: 23 }, (_, i) => i);
    expect(chunk(items, 10).map((c) => c.length)).toEqual([10, 10, 3]);
    expect(chunk(items, 10).flat()).toEqual(items);
    expect(chunk([], 10)).toEqual([]);
    expect(() => chunk(items, 0)).toThrow(/bug/);
  });
});

describe('associating secrets with MSK', () => {
  const arn = (i: number) => `arn:aws:secretsmanager:eu-west-1:123456789012:secret:AmazonMSK_s${i}-abcdef`;

  /** MSK (the fake) with `n` secrets it accepts (AmazonMSK_ names, a customer-managed key, credentials), as items. */
  function withSecrets(n: number, name = (i: number) => `AmazonMSK_s${i}`) {
    const { secrets, kms, msk } = fakePorts();
    const key = kms.addKey();
    const items = Array.from({ length: n }, (_, i) => ({
      key: i, clusterArn: CLUSTER_ARN, arn: secrets.add({ name: name(i), value: JSON.stringify({ username: `u${i}`, password: `p${i}` }), kmsKeyId: key.arn }).arn,
    }));
    return { msk, items };
  }

  it('sends at most 10 ARNs per call', async () => {
    const { msk, items } = withSecrets(25);
    const errors = await applyAssociations(msk, items, 'associate');
    expect(errors.size).toBe(0);
    expect(msk.batches.map((b) => b.size)).toEqual([10, 10, 5]);
    expect(msk.associated.get(CLUSTER_ARN)!.size).toBe(25);
  });

  it('reports every UnprocessedScramSecrets entry as the error of its own secret', async () => {
    // Secret 12 lacks MSK's prefix (MSK's own rule); MSK fails to read secret 3 (injected).
    const { msk, items } = withSecrets(15, (i) => (i === 12 ? `kafka_s${i}` : `AmazonMSK_s${i}`));
    msk.refuse.set(items[3]!.arn, { errorCode: 'InvalidSecretArn', errorMessage: "Amazon MSK wasn't able to access the provided secret." });
    const errors = await applyAssociations(msk, items, 'associate');
    expect([...errors.keys()].sort((a, b) => a - b)).toEqual([3, 12]);
    expect(errors.get(3)).toContain("InvalidSecretArn: Amazon MSK wasn't able to access the provided secret.");
    expect(errors.get(12)).toContain("InvalidSecretArn: The provided secret arn cannot be used with Amazon MSK. Secret names must have the prefix 'AmazonMSK_'");
    expect(errors.get(12)).toContain('Fix: name the secret AmazonMSK_');
    expect(msk.associated.get(CLUSTER_ARN)!.size).toBe(13);
  });

  it('fails every secret of a call that fails as a whole, naming the permission', async () => {
    const msk = new FakeMsk();
    msk.batchAssociateScramSecret = async () => {
      throw Object.assign(new Error('User: x is not authorized to perform: kafka:BatchAssociateScramSecret'), { name: 'ForbiddenException' });
    };
    const items = Array.from({ length: 12 }, (_, i) => ({ key: i, clusterArn: CLUSTER_ARN, arn: arn(i) }));
    const errors = await applyAssociations(msk, items, 'associate');
    expect(errors.size).toBe(12);
    expect(errors.get(11)).toMatch(/Grant kafka:BatchAssociateScramSecret, kms:CreateGrant/);
  });

  it('does not count an association as done when MSK reports a secret it was not sent', async () => {
    const msk = new FakeMsk();
    msk.batchAssociateScramSecret = async () => [{ secretArn: 'arn:other', errorCode: 'X', errorMessage: 'y' }];
    const errors = await applyAssociations(msk, [{ key: 0, clusterArn: CLUSTER_ARN, arn: arn(0) }], 'associate');
    expect(errors.get(0)).toMatch(/not confirmed/);
  });

  it('adds the fix for a secret under the default key', () => {
    expect(describeUnprocessed('associate', { secretArn: 'a', errorCode: 'InvalidSecretArn', errorMessage: 'The provided secret is encrypted with the default AWS KMS key.' }))
      .toMatch(/customer-managed KMS key/);
  });

  it('asks for a symmetric key when the customer-managed key is an RSA or HMAC one, and for the value format when that is wrong', () => {
    expect(describeUnprocessed('associate', { secretArn: 'a', errorCode: 'InvalidSecretArn', errorMessage: 'The provided secret is encrypted with a KMS key that is not a symmetric encryption key. Amazon MSK requires a symmetric customer managed key.' }))
      .toMatch(/Fix: encrypt the secret with a symmetric \(SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT\)/);
    expect(describeUnprocessed('associate', { secretArn: 'a', errorCode: 'InvalidSecretArn', errorMessage: 'The provided secret does not contain sign-in credentials in the format {"username": "…", "password": "…"}.' }))
      .toMatch(/Fix: the secret's value must be \{"username":"…","password":"…"\}/);
  });
});
