import { summarizeAccess } from '../access/summarize-access.js';
import type { AccessEntry, AccessFlag, AccessSummary, OwnerAccess } from '../core/access-summary.js';
import type { Plan } from '../core/change.js';

/** The plan's access summary; one is computed for a plan built without it (a hand-made one). */
export const accessOf = (plan: Plan): AccessSummary => plan.access ?? summarizeAccess(plan.changes, plan.specs.map((s) => s.domain));

export const FLAG_TEXT: Record<AccessFlag, string> = {
  everyone: 'everyone',
  'private-read': 'reads a private topic',
  'protected-read': 'reads a protected topic',
  'cross-domain': 'another domain\'s resource',
  lost: 'access lost',
};

export const who = (principal: string): string => (principal === 'User:*' ? 'everyone (User:*)' : principal);

const PLURAL: Record<string, string> = { topic: 'topics', group: 'groups', 'transactional-id': 'transactional ids', cluster: 'cluster' };

/** `User:b gains read on topic a._protected.x`, `… loses delete, alter on topic a.*` (IAM: on the role). */
export function describeAccess(e: AccessEntry, quote: (s: string) => string = (s) => s): string {
  const parts = [
    ...(e.gained.length ? [`gains ${e.gained.join(', ')}`] : []),
    ...(e.lost.length ? [`loses ${e.lost.join(', ')}`] : []),
  ];
  return `${quote(who(e.principal))} ${parts.join(', ')} on ${e.resourceType} ${quote(e.resource)}${e.via === 'iam' ? ' (IAM)' : ''}`;
}

/**
 * One line for a domain's standard access to its own resources:
 * `User:a gains owner access to a: topics _public.*, …; groups a, a.*; …`. Topics are named under
 * the domain (`_public.*`); groups and transactional ids in full, since a bare `*` beside the
 * domain's own group would read as "every group".
 */
export function describeOwner(o: OwnerAccess, quote: (s: string) => string = (s) => s): string {
  const byType = new Map<string, string[]>();
  for (const r of o.resources) {
    const short = r.resourceType === 'topic' && r.resource.startsWith(`${o.domain}.`) ? r.resource.slice(o.domain.length + 1) : r.resource;
    byType.set(r.resourceType, [...byType.get(r.resourceType) ?? [], quote(short)]);
  }
  const what = [...byType].map(([type, names]) => `${PLURAL[type] ?? type} ${names.join(', ')}`).join('; ');
  return `${quote(o.principal)} gains owner access to ${quote(o.domain)}${o.via === 'iam' ? ' (IAM)' : ''}: ${what}`;
}

export function accessCounts(a: AccessSummary): string {
  const n = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;
  return `${n(a.counts.widenings, 'widening', 'widenings')}, ${n(a.counts.lost, 'loss of access', 'losses of access')}, ${n(a.counts.deletions, 'deletion', 'deletions')}`;
}
