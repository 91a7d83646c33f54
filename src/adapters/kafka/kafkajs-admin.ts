import kafkajs, { type Admin, type KafkaConfig } from 'kafkajs';
import { aclKey as aclId, type AclBinding } from '../../acl/acl-binding.js';
import type { LiveTopic } from '../../kafka/topic-state.js';
import { fromAclResources, toAclEntry, type KafkajsAclResource } from './acl-codec.js';
import { inChunks } from './batching.js';
import type { CommittedOffset, GroupDescription, ItemErrors, KafkaAdminPort, KafkaUsagePort, NewTopic, PartitionOffsets, ReplicaLogSize } from '../../kafka/kafka-admin-port.js';
import { KafkajsUsage } from './kafkajs-usage.js';

// kafkajs is CommonJS: use its default export under Node's ESM loader.
const { ConfigResourceTypes, Kafka } = kafkajs;
const TOPIC_CONFIG_SOURCE = 1; // DYNAMIC_TOPIC_CONFIG: set on the topic itself, not a broker default
const ANY = 1;

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const typeOf = (e: unknown): string | undefined => (e as { type?: string } | undefined)?.type;

/** Kafka refused the principal the operation (an ACL or IAM policy is missing). */
export function isAuthorizationFailure(e: unknown): boolean {
  const x = e as { type?: string; errors?: unknown[]; cause?: unknown } | undefined;
  if (/AUTHORIZATION_FAILED$/.test(x?.type ?? '')) return true;
  return Array.isArray(x?.errors) && x.errors.some(isAuthorizationFailure);
}

/** The cluster could not be talked to at all (as opposed to refusing one item). */
export function isConnectionFailure(e: unknown): boolean {
  for (let cur = e, depth = 0; cur && depth < 6; depth++) {
    const x = cur as { name?: string; message?: string; cause?: unknown; originalError?: unknown };
    if (/Connection|RequestTimeout|BrokerNotFound|LockTimeout/.test(x.name ?? '')) return true;
    if (/ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ETIMEDOUT|not connected|Connection (error|closed)/i.test(x.message ?? '')) return true;
    cur = x.cause ?? x.originalError;
  }
  return false;
}

/**
 * Runs a batched call; when it fails as a whole, runs each item alone so every item gets its
 * own outcome, unless the cluster cannot be reached: then every item fails at once with that reason
 * instead of waiting out a timeout per item. `ignorable` errors (e.g. "already exists" for an
 * idempotent create) count as success.
 */
async function perItem<T>(items: readonly T[], keyOf: (t: T) => string, batch: (items: readonly T[]) => Promise<unknown>,
  ignorable: (e: unknown) => boolean = () => false, describe: (e: unknown) => string = messageOf): Promise<ItemErrors> {
  const errors: ItemErrors = new Map();
  if (items.length === 0) return errors;
  try {
    await batch(items);
    return errors;
  } catch (e) {
    if (isConnectionFailure(e)) {
      for (const item of items) errors.set(keyOf(item), describe(e));
      return errors;
    }
    if (items.length === 1) {
      if (!ignorable(e)) errors.set(keyOf(items[0]!), describe(e));
      return errors;
    }
  }
  for (const item of items) {
    try {
      await batch([item]);
    } catch (e) {
      if (isConnectionFailure(e)) {
        for (const rest of items) if (!errors.has(keyOf(rest))) errors.set(keyOf(rest), describe(e));
        return errors;
      }
      if (!ignorable(e)) errors.set(keyOf(item), describe(e));
    }
  }
  return errors;
}

const allAlreadyExist = (e: unknown): boolean => {
  const errs = (e as { errors?: unknown[] }).errors;
  return typeOf(e) === 'TOPIC_ALREADY_EXISTS' || (Array.isArray(errs) && errs.length > 0 && errs.every((x) => typeOf(x) === 'TOPIC_ALREADY_EXISTS'));
};

/** The kafkajs adapter. Counts every protocol request it sends, so benchmarks can report round trips. */
export class KafkajsAdmin implements KafkaAdminPort, KafkaUsagePort {
  private requests = 0;
  private connected?: Promise<void>;
  private readonly admin: Admin;
  private readonly usage: KafkajsUsage;

  /** `classify` turns a failed read or connect into the error users see. */
  constructor(config: KafkaConfig, private readonly classify: (err: unknown, operation: string) => Error = (e) => e as Error) {
    const kafka = new Kafka(config);
    this.admin = kafka.admin();
    this.admin.on(this.admin.events.REQUEST, () => { this.requests++; });
    this.usage = new KafkajsUsage(kafka, this.admin, (operation, call) => this.read(operation, call));
  }

  connect(): Promise<void> {
    this.connected ??= this.admin.connect().catch(async (e: unknown) => {
      this.connected = undefined;
      // A connection refused on this side (no MSK IAM token could be signed) is still open: close it,
      // or it keeps the process alive until the broker drops it.
      await this.admin.disconnect().catch(() => undefined);
      throw this.classify(e, 'connect');
    });
    return this.connected;
  }

  /**
   * One item's failure, as its result shows it: a lost connection or a refused permission is told as
   * the classifier tells it (the ACL or IAM action to grant, with the fix); anything else as Kafka said it.
   */
  private failure(operation: string): (e: unknown) => string {
    return (e) => {
      if (!isConnectionFailure(e) && !isAuthorizationFailure(e)) return messageOf(e);
      const c = this.classify(e, isConnectionFailure(e) ? 'apply' : operation) as Error & { fix?: string };
      return c.fix ? `${c.message}. Fix: ${c.fix}` : c.message;
    };
  }

  private async read<T>(operation: string, call: () => Promise<T>): Promise<T> {
    await this.connect();
    try {
      return await call();
    } catch (e) {
      throw this.classify(e, operation);
    }
  }

  roundTrips(): number {
    return this.requests + this.usage.requests;
  }

  async disconnect(): Promise<void> {
    await this.usage.disconnect();
    if (this.connected) await this.admin.disconnect();
  }

  fetchTopicOffsets(topics: readonly string[]): Promise<PartitionOffsets[]> {
    return this.usage.fetchTopicOffsets(topics);
  }

  describeLogDirs(topics: readonly string[]): Promise<ReplicaLogSize[]> {
    return this.usage.describeLogDirs(topics);
  }

  listGroups(): Promise<{ groupId: string; protocolType: string }[]> {
    return this.usage.listGroups();
  }

  describableGroups(groupIds: readonly string[]): Promise<{ allowed: string[]; refused: string[] }> {
    return this.usage.describableGroups(groupIds);
  }

  describeGroups(groupIds: readonly string[]): Promise<GroupDescription[]> {
    return this.usage.describeGroups(groupIds);
  }

  fetchGroupOffsets(groupId: string, topics: readonly string[]): Promise<CommittedOffset[]> {
    return this.usage.fetchGroupOffsets(groupId, topics);
  }

  listTopics(): Promise<string[]> {
    return this.read('listTopics', () => this.admin.listTopics());
  }

  async describeTopics(names: readonly string[]): Promise<LiveTopic[]> {
    if (names.length === 0) return [];
    const { topics } = await this.read('fetchTopicMetadata', () => this.admin.fetchTopicMetadata({ topics: [...names] }));
    const configs = await this.read('describeConfigs', () => this.admin.describeConfigs({
      includeSynonyms: false,
      resources: names.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
    }));
    const byTopic = new Map(configs.resources.map((r) => [r.resourceName, Object.fromEntries(
      r.configEntries.filter((c) => c.configSource === TOPIC_CONFIG_SOURCE && c.configValue !== null).map((c) => [c.configName, c.configValue]))]));
    return topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.length,
      replicationFactor: Math.max(0, ...t.partitions.map((p) => p.replicas.length)),
      configs: byTopic.get(t.name) ?? {},
    }));
  }

  async describeAcls(): Promise<AclBinding[]> {
    const res = await this.read('describeAcls', () => this.admin.describeAcls({
      resourceType: ANY, resourcePatternType: ANY, operation: ANY, permissionType: ANY,
    } as never));
    return fromAclResources(res.resources as unknown as KafkajsAclResource[]);
  }

  async createTopics(topics: readonly NewTopic[]): Promise<ItemErrors> {
    await this.connect();
    // A topic is one record, plus one per partition and per config.
    return inChunks(topics, (t) => 1 + t.partitions + Object.keys(t.configs).length, (chunk) => this.createTopicChunk(chunk));
  }

  private async createTopicChunk(topics: readonly NewTopic[]): Promise<ItemErrors> {
    const toRequest = (t: NewTopic) => ({
      topic: t.name,
      numPartitions: t.partitions,
      replicationFactor: t.replicationFactor ?? -1,
      configEntries: Object.entries(t.configs).map(([name, value]) => ({ name, value })),
    });
    // Leaders are not awaited: ACLs and configs do not need them, and kafkajs's wait gives up on
    // UNKNOWN_TOPIC_OR_PARTITION while a large batch is still being created.
    const create = (items: readonly NewTopic[]) => this.admin.createTopics({ topics: items.map(toRequest), waitForLeaders: false });
    const errors: ItemErrors = new Map();
    try {
      await create(topics);
      return errors;
    } catch (e) {
      if (isConnectionFailure(e)) {
        for (const t of topics) errors.set(t.name, this.failure('createTopics')(e));
        return errors;
      }
      const each = (e as { errors?: { topic?: string; type?: string; message: string }[] }).errors;
      if (Array.isArray(each) && each.every((x) => x.topic)) {
        for (const x of each) if (x.type !== 'TOPIC_ALREADY_EXISTS') errors.set(x.topic!, this.failure('createTopics')(x));
        return errors;
      }
    }
    return perItem(topics, (t) => t.name, create, allAlreadyExist, this.failure('createTopics'));
  }

  async createPartitions(topics: readonly { name: string; count: number }[]): Promise<ItemErrors> {
    await this.connect();
    return inChunks(topics, (t) => t.count, (chunk) => perItem(chunk, (t) => t.name, (items) => this.admin.createPartitions({ topicPartitions: items.map((t) => ({ topic: t.name, count: t.count })) }), undefined, this.failure('createPartitions')));
  }

  async alterTopicConfigs(topics: readonly { name: string; configs: Record<string, string> }[]): Promise<ItemErrors> {
    await this.connect();
    return inChunks(topics, (t) => 1 + Object.keys(t.configs).length, (chunk) => perItem(chunk, (t) => t.name, (items) => this.admin.alterConfigs({
      validateOnly: false,
      resources: items.map((t) => ({ type: ConfigResourceTypes.TOPIC, name: t.name, configEntries: Object.entries(t.configs).map(([name, value]) => ({ name, value })) })),
    }), undefined, this.failure('alterConfigs')));
  }

  async deleteTopics(names: readonly string[]): Promise<ItemErrors> {
    await this.connect();
    // A deleted topic's records are its partitions; the names alone do not say how many, so chunk small.
    return inChunks(names, () => 9, (chunk) => perItem(chunk, (n) => n, (items) => this.admin.deleteTopics({ topics: [...items] }), (e) => typeOf(e) === 'UNKNOWN_TOPIC_OR_PARTITION', this.failure('deleteTopics')));
  }

  async createAcls(bindings: readonly AclBinding[]): Promise<ItemErrors> {
    await this.connect();
    return inChunks(bindings, () => 1, (chunk) => perItem(chunk, aclId, (items) => this.admin.createAcls({ acl: items.map(toAclEntry) }), undefined, this.failure('createAcls')));
  }

  async deleteAcls(bindings: readonly AclBinding[]): Promise<ItemErrors> {
    await this.connect();
    return inChunks(bindings, () => 1, (chunk) => perItem(chunk, aclId, (items) => this.admin.deleteAcls({ filters: items.map((b) => toAclEntry(b) as never) }), undefined, this.failure('deleteAcls')));
  }
}
