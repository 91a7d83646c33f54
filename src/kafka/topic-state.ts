/** A topic as a plan's `before`/`after` shows it. No replication factor: the broker's default. */
export interface TopicState {
  name: string;
  partitions: number;
  replicationFactor?: number;
  /** Only configs whose source is DYNAMIC_TOPIC_CONFIG: broker defaults are not the topic's own. */
  configs: Record<string, string>;
}

/** A topic as it exists on the cluster. */
export interface LiveTopic extends TopicState {
  replicationFactor: number;
}
