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
