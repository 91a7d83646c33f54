import type { LiveState } from '../state/live-state.js';
import { ownerOfTopic } from '../spec/naming.js';
import type { KafkaAdminPort } from '../kafka/kafka-admin-port.js';

export interface ReadLiveOptions {
  /** Further topics to describe, by name. */
  extraTopics?: readonly string[];
  /** Describe every topic (MSK Serverless: its partition cap counts the whole cluster). */
  allTopics?: boolean;
  /**
   * Read the ACLs (default true). Only the acl and scram emitters need them, and a cluster that
   * authenticates with IAM alone (MSK Serverless, MSK with only IAM on) does not serve DescribeAcls.
   */
  acls?: boolean;
}

/**
 * Reads what the plan needs: every topic name; the planned domains' topics (and their nested
 * domains', for the boundary DENY bindings) with dynamic configs; and all ACLs. A fixed number of
 * round trips, whatever the number of topics.
 */
export async function readLiveState(admin: KafkaAdminPort, domains: readonly string[], options: ReadLiveOptions = {}): Promise<LiveState> {
  const planned = new Set(domains);
  const wanted = new Set(options.extraTopics ?? []);
  // The owner is planned, or nested in a planned domain: one of its dotted prefixes is planned.
  const inPlannedTree = (owner: string): boolean => {
    for (let i = owner.length; i > 0; i = owner.lastIndexOf('.', i - 1)) if (planned.has(owner.slice(0, i))) return true;
    return false;
  };
  const topicNames = await admin.listTopics();
  const names = options.allTopics ? topicNames : topicNames.filter((name) => {
    if (wanted.has(name)) return true;
    const owner = ownerOfTopic(name)?.owner;
    return owner !== undefined && inPlannedTree(owner);
  });
  const [topics, acls] = await Promise.all([admin.describeTopics(names), options.acls === false ? undefined : admin.describeAcls()]);
  return { topics, topicNames, ...(acls ? { acls } : {}) };
}
