import { error, warning, type Diagnostic } from '../core/diagnostic.js';
import { SERVERLESS_MAX_PARTITIONS, type KafkaVariant } from '../spec/kafka-variant.js';
import { metricCollisionKey } from '../spec/naming.js';
import type { DesiredTopic } from './desired-state.js';
import type { LiveState, LiveTopic } from './live-state.js';

/**
 * What the specs ask of topics that already exist, checked before anything is applied: partitions
 * cannot shrink (and growing them moves keys), replicas are not reassigned, a new name must not
 * collide with a live one in Kafka's metrics, and on MSK Serverless a topic's cleanup.policy is
 * fixed at creation and the cluster's partitions are capped.
 */
export function checkLiveTopics(desired: readonly DesiredTopic[], live: LiveState, variant: KafkaVariant = 'apache'): Diagnostic[] {
  const out: Diagnostic[] = [];
  const liveTopics = live.topics ?? [];
  const liveByName = new Map(liveTopics.map((t) => [t.name, t]));
  const liveByMetric = new Map<string, string>();
  for (const name of [...(live.topicNames ?? []), ...liveTopics.map((t) => t.name)]) liveByMetric.set(metricCollisionKey(name), name);

  for (const want of desired) {
    const have = liveByName.get(want.name);
    if (!have) {
      const clash = liveByMetric.get(metricCollisionKey(want.name));
      if (clash !== undefined && clash !== want.name) {
        out.push(error('topic-collision-live', `Topic "${want.name}" collides with the existing topic "${clash}": Kafka puts "." and "_" alike in metric names, and refuses to create it`,
          want.location, `Rename the channel so that it differs from "${clash}" by more than "." versus "_".`));
      }
      continue;
    }
    if (want.partitions < have.partitions) {
      out.push(error('partitions-decrease', `Topic "${want.name}" has ${have.partitions} partitions; the spec asks for ${want.partitions}, and Kafka cannot remove partitions`,
        want.partitionsLocation ?? want.location, `Set \`partitions: ${have.partitions}\` (or more), or create a new topic and migrate.`));
    }
    if (want.partitions > have.partitions) out.push(partitionsIncrease(want, have));
    if (want.replicationFactor !== undefined && have.replicationFactor > 0 && want.replicationFactor !== have.replicationFactor) {
      out.push(warning('replication-factor-change', `Topic "${want.name}" has replication factor ${have.replicationFactor}; the spec asks for ${want.replicationFactor}. specmesh does not reassign replicas, so this is not applied`,
        want.location, 'Reassign partitions with kafka-reassign-partitions, or set `replicas` to the current value.'));
    }
    if (variant === 'msk-serverless') {
      const wanted = want.configs['cleanup.policy'];
      const current = have.configs['cleanup.policy'] ?? 'delete';
      if (wanted !== undefined && wanted !== current) {
        out.push(error('serverless-cleanup-policy', `Topic "${want.name}" has cleanup.policy=${current}; MSK Serverless sets cleanup.policy only when a topic is created`,
          want.location, `Keep \`cleanup.policy: ${current}\`, or create a new topic with the new policy and migrate.`));
      }
    }
  }
  if (variant === 'msk-serverless') out.push(...serverlessPartitions(desired, live));
  return out;
}

/**
 * Kafka picks a keyed record's partition by hash modulo the partition count, so after an increase
 * most keys land in another partition than their earlier records: per-key order is not kept across
 * it, and a compacted topic keeps a key's old value in the old partition.
 */
function partitionsIncrease(want: DesiredTopic, have: LiveTopic): Diagnostic {
  const policy = want.configs['cleanup.policy'] ?? have.configs['cleanup.policy'] ?? '';
  const compacted = policy.split(',').includes('compact')
    ? ' This topic is compacted: a key\'s last value before the increase stays in its old partition, beside the newer one, and is not compacted away.'
    : '';
  return warning('partitions-increase',
    `Topic "${want.name}" grows from ${have.partitions} to ${want.partitions} partitions: records with the same key go to a different partition after the increase, so per-key ordering is not kept across it`,
    want.partitionsLocation ?? want.location,
    `Keyed consumers (Kafka Streams applications, joins, compacted topics) may need care: let consumers catch up and pause producers while it is applied, or create a new topic and migrate.${compacted}`);
}

/** The cluster's partitions after apply: live topics no spec declares, plus each declared one at its larger size. */
function serverlessPartitions(desired: readonly DesiredTopic[], live: LiveState): Diagnostic[] {
  const wanted = new Map(desired.map((t) => [t.name, t.partitions]));
  const specsAlone = [...wanted.values()].reduce((n, p) => n + p, 0);
  // The specs alone already over the limit are reported where the specs are checked.
  if (specsAlone > SERVERLESS_MAX_PARTITIONS) return [];
  let total = specsAlone;
  for (const t of live.topics ?? []) {
    const w = wanted.get(t.name);
    total += w === undefined ? t.partitions : Math.max(0, t.partitions - w);
  }
  if (total <= SERVERLESS_MAX_PARTITIONS) return [];
  return [error('serverless-partitions', `After this plan the cluster would hold ${total} partitions (${total - specsAlone} of them in topics already there or grown past the specs); an MSK Serverless cluster holds at most ${SERVERLESS_MAX_PARTITIONS}`,
    undefined, 'Lower `partitions`, delete topics no longer used, or use a provisioned MSK cluster.')];
}
