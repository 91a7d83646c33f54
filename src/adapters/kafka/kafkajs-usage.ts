import kafkajs, { type Admin, type Kafka } from 'kafkajs';
import type { CommittedOffset, GroupDescription, KafkaUsagePort, PartitionOffsets, ReplicaLogSize } from '../../kafka/kafka-admin-port.js';
import { describeLogDirsRequest, type LogDirResult } from './describe-log-dirs.js';

const { AssignerProtocol } = kafkajs;

/** The parts of kafkajs's internal cluster used here (not in its public types). */
interface LowCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  addMultipleTargetTopics(topics: string[]): Promise<void>;
  findTopicPartitionMetadata(topic: string): { partitionId: number; leader: number; replicas: number[] }[];
  fetchTopicsOffset(topics: { topic: string; fromBeginning: boolean; partitions: { partition: number }[] }[]): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]>;
  findBroker(q: { nodeId: string | number }): Promise<{ connectionPool: { send(r: unknown): Promise<unknown> } }>;
  brokerPool: { brokers: Record<string, unknown> };
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

  private async partitionsOf(topics: readonly string[]): Promise<{ cluster: LowCluster; partitions: Map<string, number[]> }> {
    const cluster = await this.connected();
    await this.read('fetchTopicMetadata', () => cluster.addMultipleTargetTopics([...topics]));
    this.requests++;
    const partitions = new Map(topics.map((t) => [t, cluster.findTopicPartitionMetadata(t).map((p) => p.partitionId).sort((a, b) => a - b)]));
    return { cluster, partitions };
  }

  async fetchTopicOffsets(topics: readonly string[]): Promise<PartitionOffsets[]> {
    if (topics.length === 0) return [];
    const { cluster, partitions } = await this.partitionsOf(topics);
    const query = (fromBeginning: boolean) => [...partitions].map(([topic, ps]) => ({ topic, fromBeginning, partitions: ps.map((partition) => ({ partition })) }));
    const leaders = new Set([...partitions].flatMap(([t]) => cluster.findTopicPartitionMetadata(t).map((p) => p.leader))).size;
    const [earliest, latest] = await Promise.all([true, false].map((b) => this.read('listOffsets', () => cluster.fetchTopicsOffset(query(b)))));
    this.requests += 2 * leaders;
    const key = (t: string, p: number) => `${t}\0${p}`;
    const leader = new Map([...partitions].flatMap(([t]) => cluster.findTopicPartitionMetadata(t).map((p) => [key(t, p.partitionId), p.leader] as const)));
    const start = new Map(earliest!.flatMap((t) => t.partitions.map((p) => [key(t.topic, p.partition), Number(p.offset)] as const)));
    return latest!.flatMap((t) => t.partitions.map((p) => ({
      topic: t.topic, partition: p.partition, earliest: start.get(key(t.topic, p.partition)) ?? 0, latest: Number(p.offset), leader: leader.get(key(t.topic, p.partition)) ?? -1,
    })));
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

  async describeGroups(groupIds: readonly string[]): Promise<GroupDescription[]> {
    if (groupIds.length === 0) return [];
    const { groups } = await this.read('describeGroups', () => this.admin.describeGroups([...groupIds]));
    return groups.map((g) => ({
      groupId: g.groupId, state: g.state, protocolType: g.protocolType,
      members: g.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, host: m.clientHost, topics: assignedTopics(g.protocolType, m.memberAssignment) })),
    }));
  }

  async fetchGroupOffsets(groupId: string, topics: readonly string[]): Promise<CommittedOffset[]> {
    if (topics.length === 0) return [];
    const res = await this.read('fetchOffsets', () => this.admin.fetchOffsets({ groupId, topics: [...topics] }));
    return res.flatMap((t) => t.partitions.map((p) => {
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
