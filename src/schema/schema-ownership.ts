import { ownerOfTopic } from '../spec/naming.js';
import { namespaceOf } from './avro-names.js';

/**
 * A domain owns its own namespace and those nested under it (`acme.retail` owns
 * `acme.retail.orders`), never a mere string prefix (`acme.retailer`). A type without a namespace
 * belongs to no other domain, so the domain that uses it registers it.
 */
export function ownsNamespace(domain: string, namespace: string): boolean {
  return namespace === '' || namespace === domain || namespace.startsWith(`${domain}.`);
}

/**
 * The planned domain a live subject belongs to, by exact boundary: subjects named after a topic
 * (`<topic>-value`, `<topic>`, `<topic>-<record>`) belong to the topic's owner; record-name subjects
 * to the domain equal to their namespace. Undefined for subjects of any other domain, and for
 * types in a sub-namespace (they may be shared), so clean-up never reaches them.
 */
export function subjectDomain(subject: string, planned: ReadonlySet<string>): string | undefined {
  const topicOwner = ownerOfTopic(subject)?.owner;
  if (topicOwner !== undefined) return planned.has(topicOwner) ? topicOwner : undefined;
  const ns = namespaceOf(subject);
  return planned.has(ns) ? ns : undefined;
}
