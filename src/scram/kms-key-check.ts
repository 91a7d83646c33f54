import type { KmsKeyMetadata } from './kms-port.js';

/** `alias/…` or `arn:…:kms:…:alias/…`: names a key indirectly. */
export const isAliasRef = (keyId: string): boolean => keyId.startsWith('alias/') || /^arn:[^:]+:kms:[^:]*:[^:]*:alias\//.test(keyId);

/** The region of a key ARN (`arn:aws:kms:<region>:<account>:key/<id>`); `undefined` for a bare key id. */
export const regionOfKeyArn = (keyId: string): string | undefined =>
  keyId.startsWith('arn:') ? keyId.split(':')[3] : undefined;

/**
 * Why MSK cannot use secrets under this key, each with its fix; empty when it can. MSK needs a
 * customer-managed (not AWS-managed), symmetric encryption key that is enabled.
 */
export function kmsKeyProblems(key: KmsKeyMetadata, given: string): { problem: string; fix: string }[] {
  const problems: { problem: string; fix: string }[] = [];
  const named = given === key.arn || given === key.keyId ? `KMS key ${key.arn}` : `KMS key ${given} (${key.arn})`;
  if (key.keyManager !== 'CUSTOMER') {
    problems.push({
      problem: `${named} is ${key.keyManager === 'AWS' ? 'an AWS-managed key' : `managed by ${key.keyManager}`}: MSK refuses secrets under AWS-managed keys such as aws/secretsmanager`,
      fix: 'Pass a customer-managed key (`aws kms create-key`, then --kms-key-id <key ARN>), or --create-kms-key.',
    });
  }
  // SYMMETRIC_DEFAULT keys can only be ENCRYPT_DECRYPT keys; the usage is checked when it is reported at all.
  if (key.keySpec !== 'SYMMETRIC_DEFAULT' || (key.keyUsage !== 'ENCRYPT_DECRYPT' && key.keyUsage !== 'UNKNOWN')) {
    problems.push({
      problem: `${named} is ${key.keySpec}/${key.keyUsage}: Secrets Manager encrypts only with symmetric encryption keys (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT)`,
      fix: 'Pass a symmetric encryption key, or --create-kms-key.',
    });
  }
  if (key.keyState !== 'Enabled') {
    problems.push({
      problem: `${named} is ${key.keyState}: nothing can be encrypted or read under it`,
      fix: key.keyState === 'PendingDeletion' ? 'Cancel its deletion (`aws kms cancel-key-deletion`, then `aws kms enable-key`), or pass another key.' : 'Enable it (`aws kms enable-key`), or pass another key.',
    });
  }
  return problems;
}
