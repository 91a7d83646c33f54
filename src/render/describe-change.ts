import type { AclBinding } from '../acl/acl-binding.js';
import type { Change } from '../core/change.js';
import type { LiveTopic } from '../plan/live-state.js';
import { describeSchemaState } from '../schema/describe-schema.js';
import type { SchemaSubjectState } from '../schema/schema-subject.js';

export const ACTION_SYMBOL: Record<Change['action'], string> = { create: '+', update: '~', replace: '-/+', delete: '-', 'no-op': ' ' };
export const ACTION_VERB: Record<Change['action'], string> = { create: 'create', update: 'update', replace: 'replace', delete: 'delete', 'no-op': 'unchanged' };

export const describeAclBinding = (b: AclBinding): string =>
  `${b.permission} ${b.principal} ${b.operation} on ${b.resourceType} ${b.patternType} "${b.resourceName}"${b.host === '*' ? '' : ` from ${b.host}`}`;

const topicSettings = (t: LiveTopic): string => {
  const rf = t.replicationFactor === undefined || t.replicationFactor < 0 ? 'broker default' : String(t.replicationFactor);
  const configs = Object.entries(t.configs).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`).join(', ');
  return `partitions ${t.partitions}, replication ${rf}${configs ? `, ${configs}` : ''}`;
};

/** The resource a change is about, in one line. */
export function describeSubject(c: Change): string {
  const value = (c.after ?? c.before) as unknown;
  switch (c.kind) {
    case 'acl': return describeAclBinding(value as AclBinding);
    case 'iam-policy': {
      const p = value as { policyName: string; principal: string };
      return `${p.policyName} for ${p.principal}`;
    }
    default: return c.id;
  }
}

/** What the change does to it, in one line (empty when the subject says it all). */
export function describeDetail(c: Change): string {
  if (c.reason && c.action !== 'create') return c.reason;
  const value = (c.after ?? c.before) as unknown;
  switch (c.kind) {
    case 'topic': return topicSettings(value as LiveTopic);
    case 'iam-policy': {
      const doc = (value as { document: { Statement?: unknown[] } }).document;
      const size = JSON.stringify(doc).length;
      return `${doc.Statement?.length ?? 0} statements, ${size} characters`;
    }
    case 'schema': return describeSchemaState(value as SchemaSubjectState);
    default: return c.reason ?? '';
  }
}
