import kafkajs, { type Admin, type Kafka } from 'kafkajs';
import type { CommittedOffset, GroupDescription, KafkaUsagePort, PartitionOffsets, ReplicaLogSize } from '../../kafka/kafka-admin-port.js';
import { describeLogDirsRequest, type LogDirResult } from './describe-log-dirs.js';

const { AssignerProtocol } = kafkajs;
// ListOffsets timestamps meaning "the log start" and "the log end", and kafkajs's default isolation.
const EARLIEST = -2;
const LATEST = -1;
const READ_COMMITTED = 1;
/** FindCoordinator requests in flight at once when checking which groups may be described. */
const GROUP_LOOKUPS_AT_ONCE = 16;

/** The parts of kafkajs's internal cluster used here (not in its public types). */
interface LowCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  findTopicPartitionMetadata(topic: string): { partitionId: number; leader: number; replicas: number[] }[];
  findBroker(q: { nodeId: string | number }): Promise<{
    connectionPool: { send(r: unknown): Promise<unknown> };
    findGroupCoordinator(q: { groupId: string; coordinatorType: number }): Promise<unknown>;
    listOffsets(r: { isolationLevel: number; topics: { topic: string; partitions: { partition: number; timestamp: number }[] }[] }): Promise<{ responses: { topic: string; partitions: { partition: number; offset: string }[] }[] }>;
  }>;
  findGroupCoordinator(q: { groupId: string }): Promise<{
    offsetFetch(r: { groupId: string; topics: { topic: string; partitions: { partition: number }[] }[] }): Promise<{ responses: { topic: string; partitions: { partition: number; offset: string }[] }[] }>;
  }>;
  brokerPool: { brokers: Record<string, unknown>; metadata?: { topicMetadata: { topic: string; partitionMetadata: { partitionId: number; leader: number }[] }[] } };
}

/**
 * kafkajs's admin asks for offsets one topic at a time and has no DescribeLogDirs, so these reads go
 * through the cluster object kafkajs builds for its own clients: ListOffsets grouped by leader (one
 * request per broker for all topics) and DescribeLogDirs on each broker's connection.
 */
function lowLevelCluster(kafka: Kafka): LowCluster {
  const create = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
  const factory = create ? (kafka as unknown as Record<symbol, unknown>)[create] : undefined;
  if (typeof factory !== 'function') throw new Error('this kafkajs version does not expose its cluster: storage and consumption reports need kafkajs 2.x');
  return factory({ allowAutoTopicCreation: false }) as LowCluster;
}

export class KafkajsUsage implements KafkaUsagePort {
  private cluster?: Promise<LowCluster>;
  requests = 0;

  constructor(private readonly kafka: Kafka, private readonly admin: Admin, private readonly read: <T>(operation: string, call: () => Promise<T>) => Promise<T>) {}

  private connected(): Promise<LowCluster> {
    this.cluster ??= (async () => {
      const c = lowLevelCluster(this.kafka);
      await this.read('describeCluster', () => c.connect());
      return c;
    })();
    return this.cluster;
  }

  async disconnect(): Promise<void> {
    if (this.cluster) await (await this.cluster.catch(() => undefined))?.disconnect();
  }

  /** Each topic's partitions (ids sorted, with their leaders) from one Metadata request: kafkajs finds a topic's by a scan of them all. */
  private async partitionsOf(topics: readonly string[]): Promise<{ cluster: LowCluster; partitions: Map<string, number[]>; leaders: Map<string, Map<number, number>> }> {
    const cluster = await this.connected();
    await this.read('fetchTopicMetadata', () => cluster.addMultipleTargetTopics([...topics]));
    this.requests++;
    const known = new Map((cluster.brokerPool.metadata?.topicMetadata ?? []).map((t) => [t.topic, t.partitionMetadata]));
    const leaders = new Map(topics.map((t) => [t, new Map((known.get(t) ?? []).map((p) => [p.partitionId, p.leader]))]));
    const partitions = new Map(topics.map((t) => [t, [...leaders.get(t)!.keys()].sort((a, b) => a - b)]));
    return { cluster, partitions, leaders };
  }

  /**
   * Earliest and latest offsets: one ListOffsets per leader broker for each, sent here rather than
   * through kafkajs's fetchTopicsOffset, whose merge of the answers copies an object per topic
   * (seconds for thousands of topics).
   */
  async fetchTopicOffsets(topics: readonly string[]): Promise<PartitionOffsets[]> {
    if (topics.length === 0) return [];
    const { cluster, partitions, leaders } = await this.partitionsOf(topics);
    const byLeader = new Map<number, Map<string, number[]>>();
    for (const [topic, ps] of leaders) {
      for (const [partition, leader] of ps) {
        const mine = byLeader.get(leader) ?? byLeader.set(leader, new Map()).get(leader)!;
        mine.set(topic, [...(mine.get(topic) ?? []), partition]);
      }
    }
    const key = (t: string, p: number) => `${t}\0${p}`;
    const ask = (timestamp: number) => this.read('listOffsets', async () => {
      const answers = await Promise.all([...byLeader].map(async ([nodeId, ts]) => {
        const broker = await cluster.findBroker({ nodeId });
        const { responses } = await broker.listOffsets({
          isolationLevel: READ_COMMITTED,
          topics: [...ts].map(([topic, ps]) => ({ topic, partitions: ps.map((partition) => ({ partition, timestamp })) })),
        });
        this.requests++;
        return responses;
      }));
      return new Map(answers.flat().flatMap((t) => t.partitions.map((p) => [key(t.topic, p.partition), Number(p.offset)] as const)));
    });
    const [earliest, latest] = await Promise.all([ask(EARLIEST), ask(LATEST)]);
    return [...partitions].flatMap(([topic, ps]) => ps.flatMap((partition) => {
      const end = latest.get(key(topic, partition));
      return end === undefined ? [] : [{ topic, partition, earliest: earliest.get(key(topic, partition)) ?? 0, latest: end, leader: leaders.get(topic)?.get(partition) ?? -1 }];
    }));
  }

  async describeLogDirs(topics: readonly string[]): Promise<ReplicaLogSize[]> {
    if (topics.length === 0) return [];
    const { cluster, partitions } = await this.partitionsOf(topics);
    await this.read('describeCluster', () => cluster.refreshMetadata());
    this.requests++;
    const request = [...partitions].map(([topic, ps]) => ({ topic, partitions: ps }));
    const nodeIds = Object.keys(cluster.brokerPool.brokers);
    const perBroker = await Promise.all(nodeIds.map(async (nodeId) => {
      const results = await this.read('describeLogDirs', async () => {
        const broker = await cluster.findBroker({ nodeId });
        const dirs = (await broker.connectionPool.send(describeLogDirsRequest(request))) as LogDirResult[];
        this.requests++;
        // Every broker has a log dir; version 1 answers a principal without DESCRIBE on the cluster with none.
        if (dirs.length === 0) throw Object.assign(new Error(`Broker ${nodeId} refused DescribeLogDirs`), { name: 'KafkaJSProtocolError', type: 'CLUSTER_AUTHORIZATION_FAILED' });
        return dirs;
      });
      return results.flatMap((dir) => dir.errorCode !== 0 ? [] : dir.topics.flatMap((t) => t.partitions
        .filter((p) => !p.isFuture)
        .map((p) => ({ broker: Number(nodeId), logDir: dir.logDir, topic: t.name, partition: p.partition, bytes: p.size }))));
    }));
    return perBroker.flat();
  }

  async listGroups(): Promise<{ groupId: string; protocolType: string }[]> {
    const { groups } = await this.read('listGroups', () => this.admin.listGroups());
    return groups;
  }

  /**
   * Which groups this principal may describe. A principal with DESCRIBE on the cluster is listed every
   * group, yet may be refused a group's coordinator, members and offsets (GROUP_AUTHORIZATION_FAILED),
   * and one refused group would fail the whole report: each is asked for its coordinator first.
   */
  async describableGroups(groupIds: readonly string[]): Promise<{ allowed: string[]; refused: string[] }> {
    if (groupIds.length === 0) return { allowed: [], refused: [] };
    const cluster = await this.connected();
    const nodeId = Object.keys(cluster.brokerPool.brokers)[0];
    if (nodeId === undefined) return { allowed: [...groupIds], refused: [] };
    const broker = await this.read('describeCluster', () => cluster.findBroker({ nodeId }));
    const refused = new Set<string>();
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < groupIds.length) {
        const groupId = groupIds[next++]!;
        try {
          await broker.findGroupCoordinator({ groupId, coordinatorType: 0 });
        } catch (e) {
          if ((e as { type?: string }).type !== 'GROUP_AUTHORIZATION_FAILED') await this.read('describeGroups', () => Promise.reject(e));
          refused.add(groupId);
        }
        this.requests++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(GROUP_LOOKUPS_AT_ONCE, groupIds.length) }, lane));
    return { allowed: groupIds.filter((g) => !refused.has(g)), refused: groupIds.filter((g) => refused.has(g)) };
  }

  async describeGroups(groupIds: readonly string[]): Promise<GroupDescription[]> {
    if (groupIds.length === 0) return [];
    const { groups } = await this.read('describeGroups', () => this.admin.describeGroups([...groupIds]));
    return groups.map((g) => ({
      groupId: g.groupId, state: g.state, protocolType: g.protocolType,
      members: g.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, host: m.clientHost, topics: assignedTopics(g.protocolType, m.memberAssignment) })),
    }));
  }

  /**
   * One OffsetFetch for all the topics, with their partitions from the metadata already read: kafkajs's
   * admin.fetchOffsets looks each topic up on its own (a Metadata request per topic, thousands on an estate).
   */
  async fetchGroupOffsets(groupId: string, topics: readonly string[]): Promise<CommittedOffset[]> {
    if (topics.length === 0) return [];
    const { cluster, partitions } = await this.partitionsOf(topics);
    const { responses } = await this.read('fetchOffsets', async () => {
      const coordinator = await cluster.findGroupCoordinator({ groupId });
      return coordinator.offsetFetch({ groupId, topics: [...partitions].map(([topic, ps]) => ({ topic, partitions: ps.map((partition) => ({ partition })) })) });
    });
    this.requests += 2;
    return responses.flatMap((t) => t.partitions.map((p) => {
      const offset = Number(p.offset);
      return { topic: t.topic, partition: p.partition, ...(offset >= 0 ? { offset } : {}) };
    }));
  }
}

function assignedTopics(protocolType: string, assignment: Buffer): string[] {
  if (protocolType !== 'consumer' || assignment.length === 0) return [];
  try {
    return Object.keys(AssignerProtocol.MemberAssignment.decode(assignment)?.assignment ?? {});
  } catch {
    return [];
  }
}
