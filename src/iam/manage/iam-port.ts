/** A customer managed policy as IAM holds it. */
export interface ManagedPolicy {
  arn: string;
  /** The default version's document. */
  document: unknown;
  tags: Record<string, string>;
}

/** What the iam emitter needs from IAM (one account: the caller's). One real adapter; fakes only in unit tests. */
export interface IamPort {
  /** The account the credentials belong to (STS GetCallerIdentity). */
  callerAccount(): Promise<string>;
  /** Undefined when no policy has this ARN. */
  getPolicy(arn: string): Promise<ManagedPolicy | undefined>;
  /** Customer managed policies under a path, e.g. `/specmesh/`. */
  listPolicies(pathPrefix: string): Promise<{ arn: string; name: string }[]>;
  /** Names of the roles the policy is attached to as a permissions policy. */
  policyRoles(arn: string): Promise<string[]>;
  roleExists(roleName: string): Promise<boolean>;
  tagPolicy(arn: string, tags: Record<string, string>): Promise<void>;
  createPolicy(input: { name: string; path: string; document: unknown; description: string; tags: Record<string, string> }): Promise<string>;
  /** Makes `document` the policy's default version, removing the oldest other version first when IAM's five are in use. */
  setPolicyDocument(arn: string, document: unknown): Promise<void>;
  attachRolePolicy(roleName: string, arn: string): Promise<void>;
  detachRolePolicy(roleName: string, arn: string): Promise<void>;
  /** Detaches the policy from every role, user and group, deletes its other versions, then the policy. */
  deletePolicy(arn: string): Promise<void>;
}

/** The MSK cluster (resource) policy of one cluster. */
export interface ClusterPolicyPort {
  getClusterPolicy(clusterArn: string): Promise<{ document: unknown; version?: string } | undefined>;
  /** `currentVersion` guards against a concurrent change (absent when the cluster has none yet). */
  putClusterPolicy(clusterArn: string, document: unknown, currentVersion?: string): Promise<void>;
  deleteClusterPolicy(clusterArn: string): Promise<void>;
}
