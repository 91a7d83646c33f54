/** The parts of DescribeKey's KeyMetadata that decide whether MSK can use a key. */
export interface KmsKeyMetadata {
  keyId: string;
  arn: string;
  /** `CUSTOMER` or `AWS` (AWS-managed keys such as `aws/secretsmanager`). */
  keyManager: string;
  /** `SYMMETRIC_DEFAULT` for symmetric encryption keys. */
  keySpec: string;
  keyUsage: string;
  /** `Enabled`, `Disabled`, `PendingDeletion`, `PendingImport`, … */
  keyState: string;
}

export interface CreateKeyInput {
  description: string;
  policy: string;
  tags: Record<string, string>;
}

/** The KMS calls the SCRAM emitter makes. */
export interface KmsPort {
  /** By key id, key ARN, alias name or alias ARN; `undefined` when it does not exist. */
  describeKey(keyId: string): Promise<KmsKeyMetadata | undefined>;
  /** A symmetric encryption key (SYMMETRIC_DEFAULT, ENCRYPT_DECRYPT). */
  createKey(input: CreateKeyInput): Promise<KmsKeyMetadata>;
  createAlias(aliasName: string, targetKeyId: string): Promise<void>;
  /** Undoes a createKey whose alias could not be made (minimum window, 7 days). */
  scheduleKeyDeletion(keyId: string): Promise<void>;
}
