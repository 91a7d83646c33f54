import type { KafkaAdminPort, KafkaUsagePort, PartitionOffsets, ReplicaLogSize } from '../kafka/kafka-admin-port.js';
import { ownerOfTopic } from '../spec/naming.js';

export interface TopicStorage {
  domain: string;
  topic: string;
  partitions: number;
  /** Offset span: latest − earliest, summed over partitions (compaction and transaction markers make it an upper bound). */
  messages: number;
  /** Bytes of the leader replicas: one copy of the data, as `kafka-log-dirs` reports each leader's size. */
  bytes: number;
  /** Bytes of every replica on every broker: what the topic takes on disk cluster-wide. */
  replicaBytes: number;
}

export interface DomainTotal {
  domain: string;
  topics: number;
  messages: number;
  bytes: number;
  replicaBytes: number;
}

export interface StorageReport {
  formatVersion: 1;
  topics: TopicStorage[];
  domains: DomainTotal[];
  total: Omit<DomainTotal, 'domain'>;
  /** Topics the specs declare that the cluster did not list to this principal (not created yet, or no DESCRIBE on them): in no row or total. */
  notVisible: string[];
}

export interface GroupConsumption {
  domain: string;
  topic: string;
  groupId: string;
  state: string;
  members: number;
  /**
   * Messages not yet consumed: latest − committed offset on each partition the group has committed
   * on, plus latest − earliest (everything retained) on the topic's other partitions.
   */
  lag: number;
  /** Partitions of the topic with a committed offset of this group. */
  committedPartitions: number;
}

export interface ConsumptionReport {
  formatVersion: 1;
  /** One row per (topic, group); topics no group consumes get a row with no group. */
  rows: (GroupConsumption | { domain: string; topic: string; groupId?: undefined })[];
  /** Topics the specs declare that the cluster did not list to this principal (not created yet, or no DESCRIBE on them): in no row. */
  notVisible: string[];
  /** Consumer groups the cluster lists but this principal may not describe: their consumption is in no row. */
  groupsNotDescribed: string[];
}

/** The live topics each domain owns itself (not its nested domains'), by topic name. */
export async function ownedTopics(admin: KafkaAdminPort, domains: readonly string[]): Promise<Map<string, string>> {
  const wanted = new Set(domains);
  const owned = new Map<string, string>();
  for (const name of (await admin.listTopics()).sort()) {
    const owner = ownerOfTopic(name)?.owner;
    if (owner !== undefined && wanted.has(owner)) owned.set(name, owner);
  }
  return owned;
}

/**
 * The specs' topics missing from the cluster's list: a principal is listed only the topics it may
 * describe, so a report read with it would leave the others out without a word.
 */
export const notVisibleTopics = (specTopics: readonly string[], owned: ReadonlyMap<string, string>): string[] =>
  [...new Set(specTopics)].filter((t) => !owned.has(t)).sort();

/** Pure: topic rows, per-domain totals and the grand total, from offsets and log-dir sizes. */
export function buildStorageReport(owned: ReadonlyMap<string, string>, offsets: readonly PartitionOffsets[], replicas: readonly ReplicaLogSize[], domains: readonly string[],
  notVisible: readonly string[] = []): StorageReport {
  const leaderOf = new Map(offsets.map((o) => [`${o.topic}\0${o.partition}`, o.leader]));
  const partsOf = byTopic(offsets);
  const logsOf = byTopic(replicas);
  const topics: TopicStorage[] = [...owned].map(([topic, domain]) => {
    const parts = partsOf.get(topic) ?? [];
    const logs = logsOf.get(topic) ?? [];
    return {
      domain, topic, partitions: parts.length,
      messages: parts.reduce((n, p) => n + Math.max(0, p.latest - p.earliest), 0),
      bytes: logs.filter((r) => leaderOf.get(`${r.topic}\0${r.partition}`) === r.broker).reduce((n, r) => n + r.bytes, 0),
      replicaBytes: logs.reduce((n, r) => n + r.bytes, 0),
    };
  });
  const sum = (rows: readonly TopicStorage[]) => ({
    topics: rows.length,
    messages: rows.reduce((n, t) => n + t.messages, 0),
    bytes: rows.reduce((n, t) => n + t.bytes, 0),
    replicaBytes: rows.reduce((n, t) => n + t.replicaBytes, 0),
  });
  const ids = [...new Set(domains)].sort();
  const rowsOf = new Map<string, TopicStorage[]>();
  for (const t of topics) {
    const list = rowsOf.get(t.domain);
    if (list) list.push(t);
    else rowsOf.set(t.domain, [t]);
  }
  return { formatVersion: 1, topics, domains: ids.map((domain) => ({ domain, ...sum(rowsOf.get(domain) ?? []) })), total: sum(topics), notVisible: [...notVisible] };
}

/** Items grouped by topic, in their order: one pass, where a filter per topic is quadratic on an estate. */
function byTopic<T extends { topic: string }>(items: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.topic);
    if (list) list.push(item);
    else out.set(item.topic, [item]);
  }
  return out;
}

/**
 * Storage of the domains' topics: message counts from ListOffsets (earliest and latest, one request
 * per leader broker each) and bytes from DescribeLogDirs (one request per broker), plus one
 * ListTopics and one Metadata request: a fixed number of round trips, whatever the number of topics.
 */
export async function storageReport(admin: KafkaAdminPort & KafkaUsagePort, domains: readonly string[], specTopics: readonly string[] = []): Promise<StorageReport> {
  const owned = await ownedTopics(admin, domains);
  const names = [...owned.keys()];
  // Independent requests to every broker: sent together.
  const [offsets, replicas] = await Promise.all([admin.fetchTopicOffsets(names), admin.describeLogDirs(names)]);
  return buildStorageReport(owned, offsets, replicas, domains, notVisibleTopics(specTopics, owned));
}

/**
 * Who consumes the domains' topics: every consumer group this principal may describe (ListGroups per
 * broker, FindCoordinator per group; the others are named in `groupsNotDescribed`), DescribeGroups per
 * coordinator, its committed offsets on those topics (one OffsetFetch per group) and its lag against
 * the latest offsets (ListOffsets, one per leader broker).
 */
export async function consumptionReport(admin: KafkaAdminPort & KafkaUsagePort, domains: readonly string[], specTopics: readonly string[] = []): Promise<ConsumptionReport> {
  const owned = await ownedTopics(admin, domains);
  const notVisible = notVisibleTopics(specTopics, owned);
  const names = [...owned.keys()];
  if (names.length === 0) return { formatVersion: 1, rows: [], notVisible, groupsNotDescribed: [] };
  const [offsets, listed] = await Promise.all([admin.fetchTopicOffsets(names), admin.listGroups()]);
  const { allowed: groups, refused } = await admin.describableGroups(listed.filter((g) => g.protocolType === 'consumer' || g.protocolType === '').map((g) => g.groupId).sort());
  const described = await admin.describeGroups(groups);
  const committed = await Promise.all(groups.map(async (g) => ({ groupId: g, offsets: await admin.fetchGroupOffsets(g, names) })));
  return { formatVersion: 1, rows: buildConsumptionRows(owned, offsets, described, committed), notVisible, groupsNotDescribed: refused };
}

/** Pure: one row per topic and consuming group (a group consumes a topic it has committed on or is assigned). */
export function buildConsumptionRows(owned: ReadonlyMap<string, string>, offsets: readonly PartitionOffsets[],
  groups: readonly { groupId: string; state: string; members: { topics: string[] }[] }[],
  committed: readonly { groupId: string; offsets: readonly { topic: string; partition: number; offset?: number }[] }[]): ConsumptionReport['rows'] {
  const byGroup = new Map(groups.map((g) => [g.groupId, g]));
  const partsOf = byTopic(offsets);
  const commitsOf = committed.map(({ groupId, offsets: commits }) => ({ groupId, byTopic: byTopic(commits.filter((c) => c.offset !== undefined)) }));
  const rows: ConsumptionReport['rows'] = [];
  for (const [topic, domain] of owned) {
    const before = rows.length;
    for (const { groupId, byTopic: commits } of commitsOf) {
      const group = byGroup.get(groupId);
      const mine = commits.get(topic) ?? [];
      const assigned = group?.members.some((m) => m.topics.includes(topic)) ?? false;
      if (mine.length === 0 && !assigned) continue;
      rows.push({
        domain, topic, groupId, state: group?.state ?? 'Unknown', members: group?.members.length ?? 0,
        lag: (partsOf.get(topic) ?? []).reduce((n, o) => {
          const at = mine.find((c) => c.partition === o.partition)?.offset ?? o.earliest;
          return n + Math.max(0, o.latest - Math.max(at, o.earliest));
        }, 0),
        committedPartitions: mine.length,
      });
    }
    if (rows.length === before) rows.push({ domain, topic });
  }
  return rows;
}
