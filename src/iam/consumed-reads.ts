import { warning, error, type Diagnostic } from '../core/diagnostic.js';
import type { ConsumedTopic, Domain } from '../spec/model.js';
import { isLiteralName } from './cluster-arn.js';

export type ReadDecision = { read: true } | { read: false; diagnostic: Diagnostic };

/**
 * Whether `consumer` may read a foreign topic its spec declares: public topics always; protected
 * ones only when the owner's spec is in the input and grants the consumer (or `_public`); private never.
 */
export function decideConsumedRead(consumer: string, topic: ConsumedTopic, owners: ReadonlyMap<string, Domain>): ReadDecision {
  const deny = (diagnostic: Diagnostic): ReadDecision => ({ read: false, diagnostic });
  if (!isLiteralName(topic.name)) {
    return deny(error('iam-name-unsafe', `Consumed topic "${topic.name}" has characters that cannot appear in an IAM resource ARN`, topic.location,
      'Use only letters, digits, ".", "_" and "-" in topic names.'));
  }
  switch (topic.visibility) {
    case 'public':
      return { read: true };
    case 'private':
      return deny(warning('iam-private-consume', `Domain "${consumer}" consumes "${topic.name}", a private topic of "${topic.owner}"; no read permission is granted`, topic.location,
        `Ask "${topic.owner}" to publish the data on a _public or _protected topic.`));
    case 'protected': {
      const owner = owners.get(topic.owner);
      if (!owner) {
        return deny(warning('iam-protected-owner-unknown', `Domain "${consumer}" consumes protected topic "${topic.name}", but the spec of its owner "${topic.owner}" is not in the input; no read permission is granted`, topic.location,
          `Plan "${topic.owner}"'s spec together with "${consumer}"'s so its grants can be checked.`));
      }
      const owned = owner.produces.find((t) => t.name === topic.name);
      if (!owned) {
        return deny(warning('iam-consumed-topic-unknown', `Domain "${consumer}" consumes "${topic.name}", which the spec of "${topic.owner}" does not declare; no read permission is granted`, topic.location,
          `Check the topic name, or ask "${topic.owner}" to declare it.`));
      }
      if (owned.grants.includes(consumer) || owned.grants.includes('_public')) return { read: true };
      return deny(warning('iam-grant-missing', `Domain "${consumer}" consumes protected topic "${topic.name}", but "${topic.owner}" does not grant it; no read permission is granted`, topic.location,
        `Ask "${topic.owner}" to add "${consumer}" to the topic's grants.`));
    }
  }
}
