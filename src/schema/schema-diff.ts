import type { ResourceDiffSpec } from '../core/diff-resources.js';
import { sameSchema } from './canonical-form.js';
import { subjectDomain } from './schema-ownership.js';
import type { SchemaReference, SchemaSubjectState } from './schema-subject.js';

const refKey = (r: SchemaReference): string => `${r.name}\u0000${r.subject}`;

/** What differs between two states of a subject, in words; empty when nothing does. */
export function schemaDifferences(want: SchemaSubjectState, have: SchemaSubjectState): string[] {
  const reasons: string[] = [];
  if (want.schemaType !== have.schemaType) reasons.push(`schema type ${have.schemaType} → ${want.schemaType}`);
  else if (!sameSchema(want.schemaType, want.schema, have.schema)) reasons.push('schema changed');
  reasons.push(...referenceDifferences(want.references, have.references));
  if (want.compatibility !== have.compatibility) reasons.push(`compatibility ${have.compatibility} → ${want.compatibility}`);
  return reasons;
}

/** True when registering `want` would make a new version (anything but the compatibility level differs). */
export function needsNewVersion(want: SchemaSubjectState, have: SchemaSubjectState): boolean {
  return want.schemaType !== have.schemaType || !sameSchema(want.schemaType, want.schema, have.schema)
    || referenceDifferences(want.references, have.references).length > 0;
}

function referenceDifferences(want: readonly SchemaReference[], have: readonly SchemaReference[]): string[] {
  const out: string[] = [];
  const haveByKey = new Map(have.map((r) => [refKey(r), r]));
  const wantKeys = new Set(want.map(refKey));
  for (const r of want) {
    const h = haveByKey.get(refKey(r));
    if (!h) out.push(`add reference ${r.name}`);
    else if (r.version === undefined) out.push(`reference ${r.name} → the version this apply registers`);
    else if (r.version !== h.version) out.push(`reference ${r.name} version ${h.version ?? '?'} → ${r.version}`);
  }
  for (const h of have) if (!wantKeys.has(refKey(h))) out.push(`drop reference ${h.name}`);
  return out;
}

/** How the generic diff joins, compares and scopes schema subjects. */
export function schemaDiffSpec(planned: ReadonlySet<string>, domainOfDesired: ReadonlyMap<string, string>): ResourceDiffSpec<'schema', SchemaSubjectState> {
  return {
    kind: 'schema',
    key: (s) => s.subject,
    domainOf: (s) => domainOfDesired.get(s.subject) ?? subjectDomain(s.subject, planned),
    inScope: (s) => subjectDomain(s.subject, planned) !== undefined,
    compare(want, have) {
      const reasons = schemaDifferences(want, have);
      return reasons.length ? { after: want, reason: reasons.join('; ') } : { after: want };
    },
  };
}
