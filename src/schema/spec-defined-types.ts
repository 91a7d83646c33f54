import type { Domain, SchemaRef } from '../spec/model.js';
import { scanAvroNames } from './avro-names.js';
import { parseJsonText } from './parse-schema-text.js';
import type { SpecDefinedType } from './resolve-avro-references.js';
import { parseSubjectStrategy, subjectName, type SchemaPart } from './subject-name.js';

/**
 * The named types defined in the Avro schema files of a domain's produced channels, with the
 * subject each file is registered under: a schema may use a type another channel's schema defines
 * (SpecMesh registers that channel's subject first and resolves the type from it). Files that do
 * not parse are left out here; their own channel reports them.
 */
export async function indexSpecTypes(domain: Domain, readText: (file: string) => Promise<string | undefined>): Promise<(name: string) => readonly SpecDefinedType[]> {
  const byName = new Map<string, SpecDefinedType[]>();
  for (const topic of domain.produces) {
    const strategy = parseSubjectStrategy(topic.schemaLookupStrategy);
    if (!strategy) continue;
    for (const [part, ref] of [['value', topic.valueSchema], ['key', topic.keySchema]] as [SchemaPart, SchemaRef | undefined][]) {
      if (ref?.file === undefined || ref.format !== 'avro') continue;
      const text = await readText(ref.file);
      const parsed = text === undefined ? undefined : parseJsonText(text);
      if (!parsed?.ok) continue;
      const names = scanAvroNames(parsed.value);
      const named = subjectName(strategy, topic.name, part, names.fullName);
      if ('problem' in named) continue;
      for (const name of names.defined) {
        const list = byName.get(name) ?? [];
        if (!list.some((d) => d.file === ref.file && d.subject === named.subject)) list.push({ name, subject: named.subject, file: ref.file, topic: topic.name });
        byName.set(name, list);
      }
    }
  }
  return (name) => byName.get(name) ?? [];
}
