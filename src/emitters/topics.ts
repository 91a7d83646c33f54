import { diffResources } from '../core/diff-resources.js';
import { topicDiffSpec } from '../kafka/topic-diff.js';
import type { TopicState } from '../kafka/topic-state.js';
import { checkLiveTopics } from '../state/live-topic-checks.js';
import type { KindPlanner } from './emitter.js';
import { notePreserved } from './notes.js';

/** The topics the specs declare, against those of the planned domains on the cluster. Every emitter plans them. */
export const topicPlanner: KindPlanner = {
  name: 'topics',
  plan(context) {
    const diagnostics = checkLiveTopics(context.desired.topics, context.live, context.kafkaVariant);
    const wanted: TopicState[] = context.desired.topics.map((t) => ({
      name: t.name, partitions: t.partitions,
      ...(t.replicationFactor !== undefined ? { replicationFactor: t.replicationFactor } : {}),
      configs: t.configs,
    }));
    const { changes, keptOrphans } = diffResources(topicDiffSpec(context.planned), wanted, context.live.topics ?? [], { cleanUnspecified: context.cleanUnspecified });
    diagnostics.push(...notePreserved(keptOrphans.map((t) => t.name), 'topic'));
    return { changes, diagnostics };
  },
};
