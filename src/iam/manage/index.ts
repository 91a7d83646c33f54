export { readIamState, type IamPorts, type IamStateRead } from './read-iam-state.js';
export { iamPolicyApplier, clusterPolicyApplier } from './iam-applier.js';
export type { IamPort, ClusterPolicyPort, ManagedPolicy } from './iam-port.js';
export { POLICY_PATH, policyArnFor } from './managed-policy-names.js';
