import { ownerOfTopic } from '../spec/naming.js';
import { namespaceOf } from './avro-names.js';

/**
 * A domain owns exactly its own namespace, as it owns exactly its own topics: `acme.retail` does
 * not own `acme.retail.orders` (a nested namespace is its own domain's, as SpecMesh has it, and must
 * be registered by that domain's spec) nor `acme.retailer`. A type without a namespace belongs to
 * no other domain, so the domain that uses it registers it.
 */
export function ownsNamespace(domain: string, namespace: string): boolean {
  return namespace === '' || namespace === domain;
}

/** Why a domain does not own a type's namespace, and who does (for messages). */
export function namespaceOwnerNote(domain: string, namespace: string): string {
  return namespace.startsWith(`${domain}.`)
    ? `whose namespace "${namespace}" is nested in domain "${domain}" and so belongs to domain "${namespace}" (a domain registers only its own exact namespace)`
    : `whose namespace "${namespace}" is outside domain "${domain}"`;
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
