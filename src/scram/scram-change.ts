import type { ChangeOf } from '../core/change.js';
import type { SENSITIVE } from '../core/mask-secrets.js';

export const SCRAM_SECRET_KIND = 'scram-secret' as const;
/** A customer-managed KMS key created for SCRAM secrets (--create-kms-key). Applied before the secrets. */
export const KMS_KEY_KIND = 'kms-key' as const;

/**
 * A SCRAM user of an MSK cluster: its Secrets Manager secret and its association.
 * `password` is always `(sensitive)`: the real one exists only inside Secrets Manager, generated
 * at apply time when `generatePassword` is set (create, or --rotate-secrets).
 */
export interface ScramSecretState {
  name: string;
  username: string;
  password: typeof SENSITIVE;
  mechanism: 'SCRAM-SHA-512';
  /** Key ARN; the alias of a key this plan creates; absent = the default `aws/secretsmanager` key. */
  kmsKeyId?: string;
  clusterArn: string;
  associated: boolean;
  tags: Record<string, string>;
  /** Known once the secret exists. */
  arn?: string;
  /** Live only: the secret is scheduled for deletion. */
  scheduledForDeletion?: boolean;
  generatePassword: boolean;
  /** On a delete's `before` only: `disassociate` keeps the secret; `delete` also schedules its deletion. */
  retire?: 'disassociate' | 'delete';
}

/** `before` of a delete: what goes. */
export interface RetiredScramSecret extends ScramSecretState {
  retire: 'disassociate' | 'delete';
}

/** A KMS key specmesh creates for SCRAM secrets. */
export interface KmsKeyState {
  alias: string;
  description: string;
  keySpec: 'SYMMETRIC_DEFAULT';
  keyUsage: 'ENCRYPT_DECRYPT';
  policy: Record<string, unknown>;
  tags: Record<string, string>;
}

export type ScramSecretChange = ChangeOf<typeof SCRAM_SECRET_KIND, ScramSecretState>;
export type KmsKeyChange = ChangeOf<typeof KMS_KEY_KIND, KmsKeyState>;

export const usernameOf = (principal: string): string | undefined =>
  principal.startsWith('User:') && principal.length > 'User:'.length ? principal.slice('User:'.length) : undefined;
