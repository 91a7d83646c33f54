import path from 'node:path';
import { error, type Diagnostic } from '../core/diagnostic.js';
import type { Domain, OwnedTopic, SchemaRef, SourceLocation } from '../spec/model.js';
import { namespaceOf } from './avro-names.js';
import { sameSchema } from './canonical-form.js';
import type { CompatibilityLevel } from '../spec/compatibility-level.js';
import { loadSchema } from './load-schema.js';
import { schemaFileDiagnostic } from './schema-file-diagnostic.js';
import { ownsNamespace } from './schema-ownership.js';
import type { SchemaType } from './schema-subject.js';
import { parseSubjectStrategy, subjectName, SUBJECT_STRATEGIES, type SchemaPart } from './subject-name.js';
import { displayPath as display } from './display-path.js';

/** A subject the specs want registered, before the registry has been asked anything. */
export interface DesiredSubject {
  subject: string;
  domain: string;
  schemaType: SchemaType;
  /** The text to register. */
  schema: string;
  /** Direct references: full type name and the subject it is registered under. */
  references: { name: string; subject: string }[];
  compatibility: CompatibilityLevel;
  /** The schema file (or, for an inline schema, the spec file). */
  file: string;
  /** Where the spec points at it. */
  location?: SourceLocation;
  /** For Avro: the parsed schema and the parsed types it references (leaves first), for local checks. */
  avro?: { schema: unknown; referenced: { name: string; schema: unknown }[]; fromRegistry: string[] };
}

/** A type of another domain that a schema references: it must already be registered. */
export interface ForeignReference {
  name: string;
  subject: string;
  /** The file that uses the type, and the topic's schema file that led there. */
  usedBy: string;
  root: string;
  domain: string;
  location?: SourceLocation;
}

export interface CollectOptions {
  inlineSchemas: boolean;
  readText(file: string): Promise<string | undefined>;
  /** The level a topic's subjects get (from the spec), and the spec's default for shared types. */
  compatibilityOf(domain: Domain, topic: OwnedTopic | undefined): CompatibilityLevel;
  cwd: string;
}

export interface CollectResult {
  /** In dependency order: referenced types before the schemas that use them. */
  subjects: DesiredSubject[];
  foreign: ForeignReference[];
  diagnostics: Diagnostic[];
}

/** What every produced channel of the planned domains wants registered. Consumed channels register nothing. */
export async function collectDesiredSchemas(domains: readonly Domain[], options: CollectOptions): Promise<CollectResult> {
  const bySubject = new Map<string, DesiredSubject>();
  const foreign = new Map<string, ForeignReference>();
  const diagnostics: Diagnostic[] = [];

  const add = (want: DesiredSubject): void => {
    const prior = bySubject.get(want.subject);
    if (!prior) {
      bySubject.set(want.subject, want);
      return;
    }
    if (prior.schemaType === want.schemaType && sameSchema(want.schemaType, prior.schema, want.schema)) return;
    diagnostics.push(error('schema-subject-conflict',
      `Subject "${want.subject}" would get two different schemas: ${display(prior.file, options.cwd)} and ${display(want.file, options.cwd)}`,
      want.location, 'Give the channels different subjects (schemaLookupStrategy) or make the schemas the same.'));
  };

  for (const domain of domains) {
    for (const topic of domain.produces) {
      const strategy = parseSubjectStrategy(topic.schemaLookupStrategy);
      if (!strategy) {
        diagnostics.push(error('schema-lookup-strategy-unknown',
          `Topic "${topic.name}": unknown schemaLookupStrategy "${topic.schemaLookupStrategy}"`, topic.location,
          `Use one of ${SUBJECT_STRATEGIES.join(', ')}.`));
        continue;
      }
      for (const [part, ref] of [['value', topic.valueSchema], ['key', topic.keySchema]] as [SchemaPart, SchemaRef | undefined][]) {
        if (!ref || (ref.file === undefined && !options.inlineSchemas)) continue;
        const where = ref.location ?? topic.location;
        const specDir = path.dirname(path.resolve(options.cwd, domain.file));
        const loaded = await loadSchema(ref, { domain: domain.id, specDir, readText: options.readText });
        if (!loaded.ok) {
          diagnostics.push(schemaFileDiagnostic(loaded, { part, topic: topic.name, ref: where, display: (f) => display(f, options.cwd) }));
          continue;
        }
        const s = loaded.schema;
        const named = subjectName(strategy, topic.name, part, 'recordName' in s ? s.recordName : undefined);
        if ('problem' in named) {
          diagnostics.push(error('schema-subject-unnamed', `Topic "${topic.name}": ${named.problem}`, where,
            'Use TopicNameStrategy (the default) for this channel, or a named schema.'));
          continue;
        }
        const file = ref.file ?? path.resolve(options.cwd, domain.file);
        if (s.schemaType !== 'AVRO') {
          add({ subject: named.subject, domain: domain.id, schemaType: s.schemaType, schema: s.text, references: [], compatibility: options.compatibilityOf(domain, topic), file, location: where });
          continue;
        }
        const { graph } = s;
        const noteForeign = (name: string): void => {
          if (foreign.has(name)) return;
          const user = [graph.root, ...graph.types].find((t) => t.references.includes(name));
          foreign.set(name, { name, subject: name, usedBy: user?.file ?? file, root: file, domain: domain.id, location: where });
        };
        const shared = options.compatibilityOf(domain, undefined);
        for (const t of graph.types) {
          if (!ownsNamespace(domain.id, namespaceOf(t.name!))) {
            noteForeign(t.name!);
            continue;
          }
          add({
            subject: t.name!, domain: domain.id, schemaType: 'AVRO', schema: JSON.stringify(t.parsed),
            references: t.references.map((n) => ({ name: n, subject: n })), compatibility: shared, file: t.file, location: where,
            avro: { schema: t.parsed, referenced: referencedOf(graph, t.references), fromRegistry: graph.elsewhere },
          });
        }
        graph.elsewhere.forEach(noteForeign);
        add({
          subject: named.subject, domain: domain.id, schemaType: 'AVRO', schema: s.text,
          references: graph.root.references.map((n) => ({ name: n, subject: n })), compatibility: options.compatibilityOf(domain, topic), file, location: where,
          avro: { schema: graph.root.parsed, referenced: referencedOf(graph, graph.root.references), fromRegistry: graph.elsewhere },
        });
      }
    }
  }
  return { subjects: [...bySubject.values()], foreign: [...foreign.values()], diagnostics };
}

/** The types a schema needs, transitively, in the graph's leaves-first order. */
function referencedOf(graph: { types: { name?: string; parsed: unknown; references: string[] }[] }, direct: readonly string[]): { name: string; schema: unknown }[] {
  const byName = new Map(graph.types.map((t) => [t.name!, t]));
  const need = new Set<string>();
  const visit = (n: string): void => {
    if (need.has(n)) return;
    need.add(n);
    for (const r of byName.get(n)?.references ?? []) visit(r);
  };
  direct.forEach(visit);
  return graph.types.filter((t) => need.has(t.name!)).map((t) => ({ name: t.name!, schema: t.parsed }));
}

