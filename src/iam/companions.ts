import { ACTION_RESOURCE, COMPANIONS, type KafkaClusterAction } from './kafka-actions.js';
import { kindOfArn } from './cluster-arn.js';
import type { PolicyStatement } from './policy-document.js';

const PREFIX = 'kafka-cluster:';

const actionsOf = (s: PolicyStatement): KafkaClusterAction[] =>
  s.Action.filter((a) => a.startsWith(PREFIX)).map((a) => a.slice(PREFIX.length))
    .filter((a): a is KafkaClusterAction => a in ACTION_RESOURCE);

/**
 * Required companions missing from a set of statements, as readable sentences (empty when complete).
 * A companion on the same kind of resource must sit in the same statement (so it covers the very
 * resources the action does); one on another kind must be allowed on some resource of that kind.
 */
export function companionGaps(statements: readonly PolicyStatement[]): string[] {
  const allows = statements.filter((s) => s.Effect === 'Allow');
  const allowedOnKind = (action: KafkaClusterAction): boolean =>
    allows.some((s) => actionsOf(s).includes(action) && s.Resource.some((r) => kindOfArn(r) === ACTION_RESOURCE[action]));
  const gaps: string[] = [];
  for (const s of allows) {
    const own = actionsOf(s);
    for (const action of own) {
      for (const needed of COMPANIONS[action]) {
        const sameKind = ACTION_RESOURCE[needed] === ACTION_RESOURCE[action];
        const present = sameKind ? own.includes(needed) : allowedOnKind(needed);
        if (!present) gaps.push(`statement ${s.Sid}: ${PREFIX}${action} needs ${PREFIX}${needed}`);
      }
    }
  }
  return gaps;
}
