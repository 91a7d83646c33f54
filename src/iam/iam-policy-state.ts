/** An identity policy of a domain's role, as a plan's `before`/`after` shows it. */
export interface LiveIamPolicy {
  principal: string;
  policyName: string;
  document: unknown;
  /** The managed policy's ARN, when read from IAM. */
  arn?: string;
  /** Names of the roles it is attached to, when read from IAM (its own role only, when all is well). */
  attachedTo?: string[];
  /** The domain it belongs to (its specmesh:domain tag), when read from IAM. */
  domain?: string;
}

/** The MSK cluster's resource policy, with the version that guards a write. */
export interface ClusterPolicyState {
  document: unknown;
  version?: string;
}

/** What IAM and the cluster hold of the iam emitter's resources; absent means not read. */
export interface IamLiveState {
  iamPolicies?: LiveIamPolicy[];
  /** The MSK cluster's resource policy, when one is set. */
  mskClusterPolicy?: ClusterPolicyState;
}
