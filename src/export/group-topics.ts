import { ownerOfTopic } from '../spec/naming.js';

/** Topic names grouped by the domain their names say owns them; names that fit no domain are unowned. */
export interface TopicGroups {
  domains: Map<string, string[]>;
  /** Names without a `<domain>._public|_protected|_private.` prefix (Kafka's internal `__…` topics left out). */
  unowned: string[];
}

export function groupTopicsByDomain(names: readonly string[]): TopicGroups {
  const domains = new Map<string, string[]>();
  const unowned: string[] = [];
  for (const name of [...names].sort()) {
    const owner = ownerOfTopic(name)?.owner;
    // `acme._public` has an owner but no topic name after the visibility segment.
    if (owner === undefined || name.split('.').length < owner.split('.').length + 2) {
      if (!name.startsWith('__')) unowned.push(name);
      continue;
    }
    domains.set(owner, [...(domains.get(owner) ?? []), name]);
  }
  return { domains, unowned };
}
