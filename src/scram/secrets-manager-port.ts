/** What DescribeSecret tells about a secret; never its value. */
export interface SecretDescription {
  arn: string;
  name: string;
  /** Absent when the secret is under the default `aws/secretsmanager` key (MSK refuses those). */
  kmsKeyId?: string;
  tags: Record<string, string>;
  /** Set when the secret is scheduled for deletion (it can be restored until then). */
  deletedDate?: Date;
}

export interface CreateSecretInput {
  name: string;
  kmsKeyId: string;
  secretString: string;
  description: string;
  tags: Record<string, string>;
}

/** The Secrets Manager calls the SCRAM emitter makes. */
export interface SecretsManagerPort {
  /** `undefined` when no such secret exists. */
  describeSecret(nameOrArn: string): Promise<SecretDescription | undefined>;
  /** Secrets whose name starts with `namePrefix` and that carry the tag key `tagKey`. */
  listSecrets(filter: { namePrefix: string; tagKey: string }): Promise<SecretDescription[]>;
  createSecret(input: CreateSecretInput): Promise<{ arn: string }>;
  getSecretValue(arn: string): Promise<string>;
  /** Writes a new current version; with `kmsKeyId`, under that key from now on. */
  updateSecret(arn: string, input: { secretString: string; kmsKeyId?: string }): Promise<void>;
  tagResource(arn: string, tags: Record<string, string>): Promise<void>;
  restoreSecret(arn: string): Promise<void>;
  /** Scheduled deletion: recoverable for `recoveryWindowInDays` (7–30). */
  deleteSecret(arn: string, recoveryWindowInDays: number): Promise<void>;
}
