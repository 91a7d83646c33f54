import type { AclBinding } from '../acl/acl-binding.js';
import type { IamLiveState } from '../iam/iam-policy-state.js';
import type { LiveTopic } from '../kafka/topic-state.js';

export type { LiveTopic } from '../kafka/topic-state.js';
export type { LiveIamPolicy, ClusterPolicyState } from '../iam/iam-policy-state.js';

/**
 * What exists on the cluster (or in a snapshot file given with `--state`).
 * Kinds that were not read are absent, which is different from empty.
 */
export interface LiveState extends IamLiveState {
  /** Described topics: those of the planned domains and their nested domains (or all, when asked). */
  topics?: LiveTopic[];
  /** Every topic name on the cluster, described or not. */
  topicNames?: string[];
  acls?: AclBinding[];
}

export const emptyLiveState = (): LiveState => ({ topics: [], acls: [], iamPolicies: [] });
