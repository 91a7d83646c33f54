import type { LiveState } from '../plan/live-state.js';
import { ownerOfTopic } from '../spec/naming.js';
import type { KafkaAdminPort } from './kafka-admin-port.js';

/**
 * Reads what the plan needs: the planned domains' topics (and their nested domains', for the
 * boundary DENY bindings) with dynamic configs, and all ACLs. A fixed number of round trips,
 * whatever the number of topics.
 */
export async function readLiveState(admin: KafkaAdminPort, domains: readonly string[], extraTopics: readonly string[] = []): Promise<LiveState> {
  const planned = new Set(domains);
  const wanted = new Set(extraTopics);
  // The owner is planned, or nested in a planned domain: one of its dotted prefixes is planned.
  const inPlannedTree = (owner: string): boolean => {
    for (let i = owner.length; i > 0; i = owner.lastIndexOf('.', i - 1)) if (planned.has(owner.slice(0, i))) return true;
    return false;
  };
  const names = (await admin.listTopics()).filter((name) => {
    if (wanted.has(name)) return true;
    const owner = ownerOfTopic(name)?.owner;
    return owner !== undefined && inPlannedTree(owner);
  });
  const [topics, acls] = await Promise.all([admin.describeTopics(names), admin.describeAcls()]);
  return { topics, acls };
}
