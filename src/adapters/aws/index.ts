// specmesh/aws: the AWS SDK adapters (Secrets Manager, KMS, MSK, IAM) and the scram and iam emitters wired to them.
export { awsClientConfig, DEFAULT_MAX_ATTEMPTS, type AwsOptions, type AwsClientConfig } from './aws-options.js';
export { callAws, callAwsOrMissing } from './call-aws.js';
export { openScram, openScramPorts, type OpenScramOptions, type Scram } from './open-scram.js';
export { openIam, openIamPorts, iamApplier, type ManagedIam } from './open-iam.js';
export { SecretsManagerAdapter } from './secrets-manager-adapter.js';
export { KmsAdapter } from './kms-adapter.js';
export { MskAdapter } from './msk-adapter.js';
export { IamAdapter } from './iam-adapter.js';
export { ClusterPolicyAdapter } from './cluster-policy-adapter.js';
export { scramPlanner, type ScramPlannerOptions, type ScramPorts } from '../../scram/scram-planner.js';
export { scramApplier } from '../../scram/scram-applier.js';
export { readIamState, type IamPorts, type IamStateRead } from '../../iam/manage/read-iam-state.js';
export type { IamPort, ClusterPolicyPort, ManagedPolicy } from '../../iam/manage/iam-port.js';
export type { SecretsManagerPort, SecretDescription, CreateSecretInput } from '../../scram/secrets-manager-port.js';
export type { KmsPort, KmsKeyMetadata, CreateKeyInput } from '../../scram/kms-port.js';
export type { MskScramPort, MskClusterInfo, UnprocessedScramSecret } from '../../scram/msk-scram-port.js';
