import path from 'node:path';
import { error, type Diagnostic } from '../core/diagnostic.js';
import type { Domain, OwnedTopic, SchemaRef, SourceLocation } from '../spec/model.js';
import { namespaceOf, scanAvroNames } from './avro-names.js';
import { sameSchema } from './canonical-form.js';
import type { CompatibilityLevel } from '../spec/compatibility-level.js';
import { loadSchema, type LoadedSchema } from './load-schema.js';
import type { AvroSchemaGraph, SchemaFileLocation } from './resolve-avro-references.js';
import { indexSpecTypes } from './spec-defined-types.js';
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

/** A type of another domain that a schema references and no planned spec registers: it must already be registered. */
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
  /** Other domains' types that the planned specs do not register themselves. */
  foreign: ForeignReference[];
  diagnostics: Diagnostic[];
}

/** A channel's key or value schema, loaded, before its subjects are decided. */
interface LoadedPart {
  domain: Domain;
  topic: OwnedTopic;
  subject: string;
  file: string;
  where: SourceLocation | undefined;
  schema: LoadedSchema;
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
    const parts = await loadParts(domain, options, diagnostics);
    const avroByFile = new Map(parts.flatMap((p) => (p.schema.schemaType === 'AVRO' ? [[p.file, p.schema.graph] as const] : [])));
    const attributes = subjectAttributesOf(parts, diagnostics, options.cwd);
    for (const { topic, subject, file, where, schema: s } of parts) {
      if (s.schemaType !== 'AVRO') {
        add({ subject, domain: domain.id, schemaType: s.schemaType, schema: s.text, references: [], compatibility: options.compatibilityOf(domain, topic), file, location: where });
        continue;
      }
      const { graph } = s;
      const inSpec = new Map(graph.inSpec.map((d) => [d.name, d.subject]));
      const subjectOf = (name: string): string => inSpec.get(name) ?? attributes.get(name) ?? name;
      const refs = (names: readonly string[]) => names.map((n) => ({ name: n, subject: subjectOf(n) }));
      const fromSpec = specReferenced(graph, avroByFile);
      const fromRegistry = [...new Set([...graph.elsewhere.map(subjectOf), ...fromSpec.fromRegistry])];
      const noteForeign = (name: string): void => {
        if (foreign.has(name)) return;
        const user = [graph.root, ...graph.types].find((t) => t.references.includes(name));
        foreign.set(name, { name, subject: subjectOf(name), usedBy: user?.file ?? file, root: file, domain: domain.id, location: where });
      };
      const shared = options.compatibilityOf(domain, undefined);
      for (const t of graph.types) {
        if (!ownsNamespace(domain.id, namespaceOf(t.name!))) {
          noteForeign(t.name!);
          continue;
        }
        add({
          subject: subjectOf(t.name!), domain: domain.id, schemaType: 'AVRO', schema: JSON.stringify(t.parsed),
          references: refs(t.references), compatibility: shared, file: t.file, location: where,
          avro: { schema: t.parsed, referenced: uniqueByName([...fromSpec.referenced, ...referencedOf(graph, t.references)]), fromRegistry },
        });
      }
      graph.elsewhere.forEach(noteForeign);
      add({
        subject, domain: domain.id, schemaType: 'AVRO', schema: s.text,
        references: refs(graph.root.references), compatibility: options.compatibilityOf(domain, topic), file, location: where,
        avro: { schema: graph.root.parsed, referenced: uniqueByName([...fromSpec.referenced, ...referencedOf(graph, graph.root.references)]), fromRegistry },
      });
    }
  }
  const ordered = dependencyOrder([...bySubject.values()], options.cwd);
  diagnostics.push(...ordered.diagnostics);
  return { subjects: ordered.subjects, foreign: [...foreign.values()].filter((ref) => !registeredByOwner(ref, bySubject)), diagnostics };
}

/**
 * Whether the type's own domain, planned too, registers it under the subject the reference names:
 * then it is registered first in the same apply (the subjects are in dependency order), not looked
 * up in the registry.
 */
function registeredByOwner(ref: ForeignReference, bySubject: ReadonlyMap<string, DesiredSubject>): boolean {
  const owner = bySubject.get(ref.subject);
  return owner?.avro !== undefined && ownsNamespace(owner.domain, namespaceOf(ref.name)) && scanAvroNames(owner.avro.schema).defined.has(ref.name);
}

/** Every produced channel's key and value schema, loaded, with the subject it is registered under. */
async function loadParts(domain: Domain, options: CollectOptions, diagnostics: Diagnostic[]): Promise<LoadedPart[]> {
  const out: LoadedPart[] = [];
  const specDir = path.dirname(path.resolve(options.cwd, domain.file));
  const inSpec = await indexSpecTypes(domain, options.readText);
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
      const loaded = await loadSchema(ref, { domain: domain.id, specDir, readText: options.readText, inSpec });
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
      out.push({ domain, topic, subject: named.subject, file: ref.file ?? path.resolve(options.cwd, domain.file), where, schema: s });
    }
  }
  return out;
}

/**
 * The subject fields' `"subject"` attributes give each type, across the domain's schemas: one type
 * is registered and referenced under one subject, so two attributes that disagree are refused.
 */
function subjectAttributesOf(parts: readonly LoadedPart[], diagnostics: Diagnostic[], cwd: string): Map<string, string> {
  const found = new Map<string, { subject: string; at: SchemaFileLocation }>();
  for (const p of parts) {
    if (p.schema.schemaType !== 'AVRO') continue;
    for (const [name, attr] of p.schema.graph.subjects) {
      const prior = found.get(name);
      if (!prior) {
        found.set(name, attr);
        continue;
      }
      if (prior.subject === attr.subject) continue;
      const loc = (at: SchemaFileLocation) => `${display(at.file, cwd)}${at.line !== undefined ? `:${at.line}` : ''}`;
      diagnostics.push(error('schema-subject-attribute',
        `Type "${name}" is given two subjects by "subject" attributes: "${prior.subject}" at ${loc(prior.at)} and "${attr.subject}" at ${loc(attr.at)}; a type is registered and referenced under one subject`,
        { file: display(attr.at.file, cwd), ...(attr.at.line !== undefined ? { line: attr.at.line } : {}), ...(attr.at.column !== undefined ? { column: attr.at.column } : {}) },
        `Give every field that uses "${name}" the same "subject" (or none but one).`));
    }
  }
  return new Map([...found].map(([name, a]) => [name, a.subject]));
}

/**
 * What a schema needs from the other channels' schemas it takes types from (transitively): their
 * own referenced types and the schemas themselves, leaves first, and the subjects they need from
 * the registry.
 */
function specReferenced(graph: AvroSchemaGraph, byFile: ReadonlyMap<string, AvroSchemaGraph>): { referenced: { name: string; schema: unknown }[]; fromRegistry: string[] } {
  const referenced: { name: string; schema: unknown }[] = [];
  const fromRegistry: string[] = [];
  const seen = new Set<string>();
  const visit = (g: AvroSchemaGraph): void => {
    for (const d of g.inSpec) {
      const other = byFile.get(d.file);
      if (!other || seen.has(d.file)) continue;
      seen.add(d.file);
      visit(other);
      fromRegistry.push(...other.elsewhere);
      referenced.push(...referencedOf(other, other.root.references), { name: other.root.name ?? d.subject, schema: other.root.parsed });
    }
  };
  visit(graph);
  return { referenced, fromRegistry };
}

const uniqueByName = <T extends { name: string }>(list: readonly T[]): T[] => [...new Map(list.map((t) => [t.name, t])).values()];

/**
 * The subjects with those they reference first. A cycle (a schema that, through other channels'
 * schemas, uses a type defined in itself) cannot be registered: each subject would need the other
 * registered first.
 */
function dependencyOrder(subjects: readonly DesiredSubject[], cwd: string): { subjects: DesiredSubject[]; diagnostics: Diagnostic[] } {
  const bySubject = new Map(subjects.map((s) => [s.subject, s]));
  const done = new Set<string>();
  const out: DesiredSubject[] = [];
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  const visit = (s: DesiredSubject, path: DesiredSubject[]): void => {
    if (done.has(s.subject)) return;
    const at = path.indexOf(s);
    if (at >= 0) {
      const cycle = [...path.slice(at), s];
      const key = [...new Set(cycle.map((c) => c.subject))].sort().join(' ');
      if (reported.has(key)) return;
      reported.add(key);
      diagnostics.push(error('schema-reference-cycle',
        `Cyclic schema references between subjects: ${cycle.map((c) => `"${c.subject}" (${display(c.file, cwd)})`).join(' → ')}; each would have to be registered before the other`,
        s.location, 'Move the shared types into a schema file of their own (`<full.name>.avsc` beside the schemas that use them), so both channels reference it.'));
      return;
    }
    for (const r of s.references) {
      const next = bySubject.get(r.subject);
      if (next && next !== s) visit(next, [...path, s]);
    }
    if (done.has(s.subject)) return;
    done.add(s.subject);
    out.push(s);
  };
  for (const s of subjects) visit(s, []);
  return { subjects: out, diagnostics };
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

