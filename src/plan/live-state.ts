import type { AclBinding } from '../acl/acl-binding.js';

export interface LiveTopic {
  name: string;
  partitions: number;
  replicationFactor: number;
  /** Only configs whose source is DYNAMIC_TOPIC_CONFIG: broker defaults are not the topic's own. */
  configs: Record<string, string>;
}

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

/**
 * What exists on the cluster (or in a snapshot file given with `--state`).
 * Kinds that were not read are absent, which is different from empty.
 */
export interface LiveState {
  /** Described topics: those of the planned domains and their nested domains (or all, when asked). */
  topics?: LiveTopic[];
  /** Every topic name on the cluster, described or not. */
  topicNames?: string[];
  acls?: AclBinding[];
  iamPolicies?: LiveIamPolicy[];
  /** The MSK cluster's resource policy, when one is set. */
  mskClusterPolicy?: { document: unknown; version?: string };
}

export const emptyLiveState = (): LiveState => ({ topics: [], acls: [], iamPolicies: [] });
