import { pushTo } from '../core/push-to.js';

/**
 * Which domains of an estate enclose or are nested in which, found by walking each id's dotted
 * prefixes (a few per id) instead of comparing every pair: estates of thousands of domains stay fast.
 */
export interface Nesting {
  /** Domains of the estate strictly nested in `domain` (`acme.retail.orders` in `acme.retail`), sorted. */
  nestedIn(domain: string): readonly string[];
  /** Domains of the estate that strictly enclose `domain`, nearest first. */
  enclosing(domain: string): readonly string[];
}

/** The dotted prefixes of a domain id, longest first: `a.b.c` → `a.b`, `a`. */
function* parentsOf(domain: string): Generator<string> {
  for (let i = domain.lastIndexOf('.'); i > 0; i = domain.lastIndexOf('.', i - 1)) yield domain.slice(0, i);
}

export function nestingOf(estate: Iterable<string>): Nesting {
  const members = new Set(estate);
  const nested = new Map<string, string[]>();
  for (const d of [...members].sort()) {
    for (const p of parentsOf(d)) if (members.has(p)) pushTo(nested, p, d);
  }
  return {
    nestedIn: (domain) => nested.get(domain) ?? [],
    enclosing: (domain) => [...parentsOf(domain)].filter((p) => members.has(p)),
  };
}
