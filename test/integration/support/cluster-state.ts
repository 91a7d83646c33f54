import { aclKey, type AclBinding } from '../../../src/acl/acl-binding.js';
import type { KafkaAdminPort } from '../../../src/kafka/kafka-admin-port.js';
import { readLiveState } from '../../../src/orchestrate/read-live-state.js';
import type { LiveTopic } from '../../../src/state/live-state.js';
import { planSpecs } from '../../../src/orchestrate/plan-specs.js';

/** Topics and ACL keys in a canonical order, with the test's prefix replaced so namespaces compare. */
export interface NamespaceState {
  topics: { name: string; partitions: number; replicationFactor: number; configs: Record<string, string> }[];
  acls: string[];
}

const sortedConfigs = (c: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(c).sort(([a], [b]) => a.localeCompare(b)));

function canonical(prefix: string, topics: readonly LiveTopic[], acls: readonly AclBinding[]): NamespaceState {
  const strip = (s: string) => s.split(prefix).join('<ns>');
  return {
    topics: topics.map((t) => ({ name: strip(t.name), partitions: t.partitions, replicationFactor: t.replicationFactor, configs: sortedConfigs(t.configs) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    acls: acls.map((b) => strip(aclKey(b))).sort(),
  };
}

const inNamespace = (prefix: string) => (b: AclBinding): boolean =>
  b.principal.includes(prefix) || b.resourceName.startsWith(prefix);

/**
 * What the specs ask for, from the plan against an empty cluster: every topic and ACL binding it
 * would create. `defaultReplicationFactor` fills topics that leave it to the broker.
 */
export async function desiredNamespaceState(dir: string, prefix: string, defaultReplicationFactor = 1): Promise<NamespaceState> {
  const { plan, diagnostics } = await planSpecs([dir], { emitters: ['acl'], cacheDir: false });
  if (!plan) throw new Error(`the estate does not plan: ${diagnostics.map((d) => d.summary).join('; ')}`);
  const topics = plan.changes.filter((c) => c.kind === 'topic' && c.action === 'create')
    .map((c) => ({ replicationFactor: defaultReplicationFactor, ...(c.after as Partial<LiveTopic>) }) as LiveTopic);
  const acls = plan.changes.filter((c) => c.kind === 'acl' && c.action === 'create').map((c) => c.after as AclBinding);
  return canonical(prefix, topics, acls);
}

/**
 * What the cluster holds for the planned domains: their topics as readLiveState sees them, and
 * every ACL binding that names the namespace (principal or resource). Duplicated bindings are kept,
 * so a test can see them.
 */
export async function liveNamespaceState(admin: KafkaAdminPort, domains: readonly string[], prefix: string): Promise<NamespaceState> {
  const live = await readLiveState(admin, domains);
  return canonical(prefix, live.topics ?? [], (live.acls ?? []).filter(inNamespace(prefix)));
}

/** How much of a namespace exists: for logging where a kill landed. */
export async function countNamespace(admin: KafkaAdminPort, prefix: string): Promise<{ topics: number; acls: number }> {
  const [topics, acls] = await Promise.all([admin.listTopics(), admin.describeAcls()]);
  return { topics: topics.filter((t) => t.startsWith(`${prefix}.`)).length, acls: acls.filter(inNamespace(prefix)).length };
}

/** Every topic (partitions, replication factor, dynamic configs) and every ACL on the cluster, as one string. */
export async function snapshotCluster(admin: KafkaAdminPort): Promise<string> {
  const names = (await admin.listTopics()).sort();
  const [topics, acls] = await Promise.all([admin.describeTopics(names), admin.describeAcls()]);
  return JSON.stringify({
    topics: topics.map((t) => ({ ...t, configs: sortedConfigs(t.configs) })).sort((a, b) => a.name.localeCompare(b.name)),
    acls: acls.map(aclKey).sort(),
  }, null, 1);
}
