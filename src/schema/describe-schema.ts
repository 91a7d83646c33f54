import type { SchemaSubjectState } from './schema-subject.js';

/** One line for a plan's text or markdown rendering: type, level and what it references. */
export function describeSchemaState(s: SchemaSubjectState): string {
  // The subject is shown when it is not the type's own name (another channel's subject, or a field's `"subject"`).
  const refs = s.references.map((r) => `${r.name}${r.subject === r.name ? '' : ` (subject ${r.subject})`}@${r.version ?? 'new'}`);
  return [
    s.version !== undefined ? `${s.schemaType} v${s.version}` : s.schemaType,
    `compatibility ${s.compatibility}`,
    ...(refs.length ? [`references ${refs.join(', ')}`] : []),
  ].join(', ');
}
