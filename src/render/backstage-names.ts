import { SpecmeshError } from '../core/errors.js';

// Backstage's own rules (its KubernetesValidatorFunctions and makeValidator), so what we write loads.
const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const KIND = /^[a-zA-Z][a-z0-9A-Z]*$/;
const TAG = /^[a-z0-9+#]+(-[a-z0-9+#]+)*$/;
const MAX = 63;

export const isBackstageName = (s: string): boolean => s.length <= MAX && NAME.test(s);

/** FNV-1a (32 bits) as 8 hex digits: a short, stable fingerprint of an id. */
function fingerprint(s: string): string {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(s)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/**
 * The Backstage entity name of a domain: the id itself when Backstage accepts it (`acme.retail.orders`);
 * otherwise the id with what Backstage refuses replaced by `-`, cut to fit 63 characters, and
 * `-` + a fingerprint of the whole id, so that two ids never share a name by being cut alike.
 */
export function backstageName(id: string): string {
  if (isBackstageName(id)) return id;
  const hash = fingerprint(id);
  const base = id.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '').slice(0, MAX - hash.length - 1).replace(/[^A-Za-z0-9]+$/, '');
  return base ? `${base}-${hash}` : hash;
}

/** A Backstage tag (lower case, `-` between words, at most 63 characters), or undefined when nothing is left. */
export function backstageTag(s: string): string | undefined {
  const tag = s.toLowerCase().replace(/[^a-z0-9+#]+/g, '-').replace(/^-+/, '').slice(0, MAX).replace(/-+$/, '');
  return tag && TAG.test(tag) ? tag : undefined;
}

/** Checks an entity reference (`[kind:][namespace/]name`) as Backstage reads it; `what` names the flag in the message. */
export function checkEntityRef(ref: string, what: string, fix: string): string {
  const m = /^(?:([^:/]+):)?(?:([^:/]+)\/)?([^:/]+)$/.exec(ref);
  const problem = !m ? 'is not [kind:][namespace/]name'
    : m[1] !== undefined && !KIND.test(m[1]) ? `has kind "${m[1]}", which is not a Backstage kind (a letter, then letters and digits)`
    : m[2] !== undefined && !(m[2].length <= MAX && NAMESPACE.test(m[2])) ? `has namespace "${m[2]}", which is not a Backstage namespace (lower-case letters, digits and -)`
    : !isBackstageName(m[3] ?? '') ? `has name "${m[3]}", which is not a Backstage name (letters, digits, - _ . between them, at most 63)`
    : undefined;
  if (problem) throw new SpecmeshError(`${what} "${ref}" ${problem}`, { fix });
  return ref;
}
