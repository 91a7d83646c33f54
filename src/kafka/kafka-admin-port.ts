import type { AclBinding } from '../acl/acl-binding.js';
import type { LiveTopic } from './topic-state.js';

export interface NewTopic {
  name: string;
  partitions: number;
  /** Absent: the broker's default. */
  replicationFactor?: number;
  configs: Record<string, string>;
}

/** Per-item outcome of a batched call: undefined = success, else the error message. */
export type ItemErrors = Map<string, string>;

/** What specmesh needs from a Kafka cluster. One real adapter (kafkajs); fakes only in unit tests. */
export interface KafkaAdminPort {
  /** All topic names (one metadata request). */
  listTopics(): Promise<string[]>;
  /** Partitions, replication factor and dynamic topic configs, batched. */
  describeTopics(names: readonly string[]): Promise<LiveTopic[]>;
  describeAcls(): Promise<AclBinding[]>;
  createTopics(topics: readonly NewTopic[]): Promise<ItemErrors>;
  createPartitions(topics: readonly { name: string; count: number }[]): Promise<ItemErrors>;
  /** Replaces each topic's whole dynamic config with the given set (Kafka's AlterConfigs). */
  alterTopicConfigs(topics: readonly { name: string; configs: Record<string, string> }[]): Promise<ItemErrors>;
  deleteTopics(names: readonly string[]): Promise<ItemErrors>;
  createAcls(bindings: readonly AclBinding[]): Promise<ItemErrors>;
  deleteAcls(bindings: readonly AclBinding[]): Promise<ItemErrors>;
  /** Protocol requests sent so far. */
  roundTrips(): number;
  disconnect(): Promise<void>;
}

/** One partition's offset range: `earliest` is the log start offset, `latest` the end (next) offset. */
export interface PartitionOffsets {
  topic: string;
  partition: number;
  earliest: number;
  latest: number;
  /** Broker id of the partition's leader. */
  leader: number;
}

/** One replica's log on one broker, as DescribeLogDirs reports it. */
export interface ReplicaLogSize {
  broker: number;
  logDir: string;
  topic: string;
  partition: number;
  bytes: number;
}

export interface GroupMember {
  memberId: string;
  clientId: string;
  host: string;
  /** Topics in the member's current assignment (consumer protocol only). */
  topics: string[];
}

export interface GroupDescription {
  groupId: string;
  state: string;
  protocolType: string;
  members: GroupMember[];
}

/** A group's committed offset on one partition; absent when the group has none there. */
export interface CommittedOffset {
  topic: string;
  partition: number;
  offset?: number;
}

/**
 * The reads the usage reports need (storage, consumption). Kept apart from {@link KafkaAdminPort}
 * so ports that only plan and provision need not implement them. Each call is batched.
 */
export interface KafkaUsagePort {
  /** Earliest and latest offset of every partition: one ListOffsets per leader broker for each end. */
  fetchTopicOffsets(topics: readonly string[]): Promise<PartitionOffsets[]>;
  /** Every replica's size on disk: one DescribeLogDirs per broker, for all the topics. */
  describeLogDirs(topics: readonly string[]): Promise<ReplicaLogSize[]>;
  /** Consumer groups known to the cluster (one ListGroups per broker). */
  listGroups(): Promise<{ groupId: string; protocolType: string }[]>;
  /** Which of the groups this principal may describe; the others are refused (no DESCRIBE on them). One FindCoordinator per group. */
  describableGroups(groupIds: readonly string[]): Promise<{ allowed: string[]; refused: string[] }>;
  /** Groups' state and members (one DescribeGroups per coordinator). */
  describeGroups(groupIds: readonly string[]): Promise<GroupDescription[]>;
  /** A group's committed offsets on the topics (one OffsetFetch). */
  fetchGroupOffsets(groupId: string, topics: readonly string[]): Promise<CommittedOffset[]>;
}

export const isUsagePort = (admin: unknown): admin is KafkaUsagePort =>
  typeof (admin as Partial<KafkaUsagePort> | undefined)?.describeLogDirs === 'function';
