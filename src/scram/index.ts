export { scramPlanner, type ScramPlannerOptions, type ScramPorts } from './scram-planner.js';
export { scramApplier, scramSecretApplier, kmsKeyApplier } from './scram-applier.js';
export { SCRAM_SECRET_KIND, KMS_KEY_KIND, type ScramSecretState, type RetiredScramSecret, type KmsKeyState } from './scram-change.js';
export type { SecretsManagerPort, SecretDescription, CreateSecretInput } from './secrets-manager-port.js';
export type { KmsPort, KmsKeyMetadata, CreateKeyInput } from './kms-port.js';
export { MSK_MAX_SCRAM_USERS, MSK_MAX_SECRETS_PER_CALL, type MskScramPort, type MskClusterInfo, type UnprocessedScramSecret } from './msk-scram-port.js';
export { MSK_SECRET_PREFIX, defaultSecretName } from './secret-name.js';
export { scramKeyAlias, mskSecretKeyPolicy } from './kms-key-policy.js';
