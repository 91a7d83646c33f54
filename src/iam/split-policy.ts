import { policyDocument, policySize, type PolicyStatement } from './policy-document.js';

/** IAM's limit for one customer managed policy, in characters without whitespace. */
export const MAX_MANAGED_POLICY_CHARS = 6144;

const EMPTY_DOCUMENT = policySize(policyDocument([]));

/**
 * Splits a statement whose resources do not fit in one policy into statements that each do,
 * named `<Sid>1`, `<Sid>2`, …; one that fits is returned as is.
 */
export function splitStatement(s: PolicyStatement, limit: number): PolicyStatement[] {
  const budget = limit - EMPTY_DOCUMENT;
  if (policySize(s) <= budget) return [s];
  const out: PolicyStatement[] = [];
  let rest = s.Resource;
  while (rest.length > 0) {
    const chunk = { ...s, Sid: `${s.Sid}${out.length + 1}`, Resource: [] as string[] };
    let size = policySize(chunk);
    for (const r of rest) {
      const grow = JSON.stringify(r).length + (chunk.Resource.length > 0 ? 1 : 0);
      if (size + grow > budget) break;
      chunk.Resource.push(r);
      size += grow;
    }
    if (chunk.Resource.length === 0) throw new Error(`This is a bug: resource ${rest[0]} does not fit in a policy of ${limit} characters`);
    rest = rest.slice(chunk.Resource.length);
    out.push(chunk);
  }
  return out;
}

/**
 * Packs statements, in order, into as few policy documents of at most `limit` characters as
 * sequential packing gives; a statement stays whole unless it alone exceeds a policy.
 * IAM evaluates all of a role's policies together, so a Deny in one part holds over the others.
 */
export function splitStatements(statements: readonly PolicyStatement[], limit = MAX_MANAGED_POLICY_CHARS): PolicyStatement[][] {
  const parts: PolicyStatement[][] = [];
  let current: PolicyStatement[] = [];
  let size = EMPTY_DOCUMENT;
  for (const s of statements.flatMap((x) => splitStatement(x, limit))) {
    const grow = policySize(s) + (current.length > 0 ? 1 : 0);
    if (current.length > 0 && size + grow > limit) {
      parts.push(current);
      current = [];
      size = EMPTY_DOCUMENT;
    }
    size += policySize(s) + (current.length > 0 ? 1 : 0);
    current.push(s);
  }
  if (current.length > 0) parts.push(current);
  return parts;
}
