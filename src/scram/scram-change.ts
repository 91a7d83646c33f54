import type { Change, ChangeKind } from '../core/change.js';
import { SENSITIVE } from '../core/mask-secrets.js';

export const SCRAM_SECRET_KIND: ChangeKind = 'scram-secret';
/**
 * A customer-managed KMS key created for SCRAM secrets (--create-kms-key). Applied before the
 * secrets. The cast stands until ChangeKind lists it; the kind is plain data either way.
 */
export const KMS_KEY_KIND = 'kms-key' as ChangeKind;

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
}

/** `before` of a delete: what goes. `disassociate` keeps the secret; `delete` also schedules its deletion. */
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

export type ScramSecretChange = Change<ScramSecretState>;

export const usernameOf = (principal: string): string | undefined =>
  principal.startsWith('User:') && principal.length > 'User:'.length ? principal.slice('User:'.length) : undefined;
