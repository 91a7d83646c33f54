import { ownerOfTopic } from '../spec/naming.js';
import type { TopicState } from './topic-state.js';
import type { ResourceDiffSpec } from '../core/diff-resources.js';

/** Kafka Streams names its internal topics `<application.id>-…-changelog|-repartition`. */
const STREAMS_INTERNAL = /-(changelog|repartition)$/;

export function topicDiffSpec(planned: ReadonlySet<string>): ResourceDiffSpec<'topic', TopicState> {
  return {
    kind: 'topic',
    key: (t) => t.name,
    domainOf: (t) => ownerOfTopic(t.name)?.owner,
    inScope: (t) => {
      const owner = ownerOfTopic(t.name)?.owner;
      return owner !== undefined && planned.has(owner) && !STREAMS_INTERNAL.test(t.name);
    },
    compare(want, have) {
      const reasons: string[] = [];
      const after: TopicState = { ...have, configs: { ...have.configs } };
      if (want.partitions > have.partitions) {
        reasons.push(`partitions ${have.partitions} → ${want.partitions}`);
        after.partitions = want.partitions;
      }
      for (const [k, v] of Object.entries(want.configs)) {
        if (have.configs[k] !== v) {
          reasons.push(have.configs[k] === undefined ? `set ${k}=${v}` : `${k} ${have.configs[k]} → ${v}`);
          after.configs[k] = v;
        }
      }
      return reasons.length ? { after, reason: reasons.join('; ') } : { after };
    },
  };
}

export const isStreamsInternalTopic = (name: string): boolean => STREAMS_INTERNAL.test(name);
