import type { Domain } from '../spec/model.js';
import { ownerOfTopic } from '../spec/naming.js';
import { isLiteralName } from './cluster-arn.js';

/** The widened public-read pattern, after `topic/<cluster>/<uuid>/`. */
export const PUBLIC_TOPICS_PATTERN = '*._public.*';

/**
 * Non-public topics the widened pattern still matches: IAM's `*` spans dots, so `*._public.*`
 * also matches `acme.foo._private.a._public.b`. Only topics named in the input can be found.
 */
export function publicPatternOverlaps(domains: readonly Domain[]): { topic: string; owner: string }[] {
  const names = new Set(domains.flatMap((d) => [...d.produces.map((t) => t.name), ...d.consumes.map((t) => t.name)]));
  const out: { topic: string; owner: string }[] = [];
  for (const topic of [...names].sort()) {
    const owner = ownerOfTopic(topic);
    if (owner && owner.visibility !== 'public' && topic.includes('._public.') && isLiteralName(topic)) out.push({ topic, owner: owner.owner });
  }
  return out;
}
