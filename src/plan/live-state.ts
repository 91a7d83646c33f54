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
  mskClusterPolicy?: { document: unknown };
}

export const emptyLiveState = (): LiveState => ({ topics: [], acls: [], iamPolicies: [] });
