import type { SchemaSubjectState } from './schema-subject.js';

/** One line for a plan's text or markdown rendering: type, level and what it references. */
export function describeSchemaState(s: SchemaSubjectState): string {
  const refs = s.references.map((r) => `${r.name}@${r.version ?? 'new'}`);
  return [
    s.version !== undefined ? `${s.schemaType} v${s.version}` : s.schemaType,
    `compatibility ${s.compatibility}`,
    ...(refs.length ? [`references ${refs.join(', ')}`] : []),
  ].join(', ');
}
