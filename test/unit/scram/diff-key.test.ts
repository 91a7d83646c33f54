import { describe, expect, it } from 'vitest';
import { diffScramSecret, type LiveSecret } from '../../../src/scram/diff-scram-secret.js';
import { secretTags } from '../../../src/scram/secret-tags.js';

const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/11111111-2222-3333-4444-555555555555';
const OLD = 'arn:aws:kms:eu-west-1:111122223333:key/99999999-2222-3333-4444-555555555555';
const want = { domain: 'acme.orders', domains: ['acme.orders'], principal: 'User:acme.orders', username: 'acme.orders', name: 'AmazonMSK_specmesh_acme.orders', tags: secretTags('acme.orders', 'User:acme.orders') };
const have = (over: Partial<LiveSecret> = {}): LiveSecret => ({
  description: { arn: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:AmazonMSK_specmesh_acme.orders-AbCdEf', name: want.name, kmsKeyId: OLD, tags: want.tags },
  associated: false, ...over,
});
const ctx = { clusterArn: 'arn:aws:kafka:eu-west-1:111122223333:cluster/c/abcd-1', kmsKeyId: KEY, rotate: false };

describe('a secret whose KMS key cannot be described', () => {
  it('is kept under its key, and the plan says so, instead of moving it at apply without a word', () => {
    const { change, diagnostics } = diffScramSecret(want, have(), ctx);
    expect(change?.action).toBe('update');
    expect((change as { after: { kmsKeyId?: string } }).after.kmsKeyId).toBe(OLD);
    expect(change?.reason).toBe('associate with the cluster');
    expect(diagnostics.map((d) => d.code)).toEqual(['scram-secret-key-unknown']);
  });

  it('moves to the configured key only with --rotate-secrets, and the plan says it will', () => {
    const { change } = diffScramSecret(want, have(), { ...ctx, rotate: true });
    expect((change as { after: { kmsKeyId?: string } }).after.kmsKeyId).toBe(KEY);
    expect(change?.reason).toContain(`re-encrypt under ${KEY}`);
  });

  it('is a no-op when it is associated and its key is the configured one', () => {
    const { change, diagnostics } = diffScramSecret(want, have({ associated: true, keyArn: KEY, keyIsCustomerManaged: true, description: { ...have().description, kmsKeyId: KEY } }), ctx);
    expect(change?.action).toBe('no-op');
    expect(diagnostics).toEqual([]);
  });
});
