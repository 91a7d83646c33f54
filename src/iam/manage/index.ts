export { openIam, type ManagedIam } from '../../adapters/aws/open-iam.js';
export { readIamState, type IamPorts, type IamStateRead } from './read-iam-state.js';
export { iamApplier } from './iam-applier.js';
export { IamAdapter } from '../../adapters/aws/iam-adapter.js';
export { ClusterPolicyAdapter } from '../../adapters/aws/cluster-policy-adapter.js';
export type { IamPort, ClusterPolicyPort, ManagedPolicy } from './iam-port.js';
export { POLICY_PATH, policyArnFor } from './managed-policy-names.js';
