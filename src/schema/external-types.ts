import { warning, type Diagnostic, type SourceLocation } from '../core/diagnostic.js';
import { namespaceOf } from './avro-names.js';
import type { AvroSchemaGraph } from './resolve-avro-references.js';
import { namespaceOwnerNote, ownsNamespace } from './schema-ownership.js';

/** A type of another domain's namespace that a spec's produced schemas use: referenced, never registered by this spec. */
export interface ExternalTypeUse {
  /** Full type name. */
  name: string;
  /** The subject the reference names. */
  subject: string;
  /** The `$ref` in the spec that led to it. */
  location?: SourceLocation;
}

/** The other domains' types an Avro schema of `domain` uses, with the subject each is referenced under. */
export function externalTypesOf(domain: string, graph: AvroSchemaGraph, location: SourceLocation | undefined): ExternalTypeUse[] {
  const names = [...graph.types.map((t) => t.name!).filter((n) => !ownsNamespace(domain, namespaceOf(n))), ...graph.elsewhere];
  return [...new Set(names)].map((name) => ({ name, subject: graph.subjects.get(name)?.subject ?? name, ...(location ? { location } : {}) }));
}

/**
 * Without a registry to ask, the one thing to say about another domain's type is who must
 * register it: a warning per type and spec when the owning domain's spec is not among those
 * loaded (when it is, one plan registers the type first).
 */
export function externalTypeWarnings(specs: readonly { domain: string; uses: readonly ExternalTypeUse[] }[]): Diagnostic[] {
  const loaded = new Set(specs.map((s) => s.domain));
  const out: Diagnostic[] = [];
  for (const { domain, uses } of specs) {
    const seen = new Set<string>();
    for (const use of uses) {
      const owner = namespaceOf(use.name);
      if (loaded.has(owner) || seen.has(use.name)) continue;
      seen.add(use.name);
      out.push(
        warning(
          'schema-reference-external',
          `Domain "${domain}" uses type "${use.name}", ${namespaceOwnerNote(domain, owner)}, and no spec of domain "${owner}" is loaded: this spec references the type and does not register it, so the schema registry must already hold subject "${use.subject}" when this spec is provisioned`,
          use.location,
          `Provision the spec of domain "${owner}" first (it registers "${use.name}"), or plan both specs together, or register "${use.subject}" by other means; \`plan\` with a schema registry checks that it is there.`,
        ),
      );
    }
  }
  return out;
}
