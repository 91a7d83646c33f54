import { warning, type Diagnostic } from '../core/diagnostic.js';
import { SpecmeshError } from '../core/errors.js';
import { principalResolver } from '../acl/principals.js';
import { buildDomainSpec, type AsyncApiVersion, type ExportedFile, type ExportedSchema } from '../export/build-domain-spec.js';
import { groupTopicsByDomain } from '../export/group-topics.js';
import { recoverConsumed, recoverGrants } from '../export/recover-access.js';
import type { SchemaRegistryPort } from '../schema/schema-registry-port.js';
import { ownerOfTopic } from '../spec/naming.js';
import type { Session } from './session.js';

export interface ExportOptions {
  session: Session;
  /** Export this domain only; without it, every domain recognised from topic names. */
  domain?: string;
  version?: AsyncApiVersion;
  /** Domain → Kafka principal, as `plan --principal-map` takes it (default `User:<domain>`). */
  principals?: Record<string, string>;
}

export interface ExportedDomain {
  domain: string;
  specFile: string;
  /** The spec and its schema files, paths relative to the output folder. */
  files: ExportedFile[];
}

export interface ExportResult {
  domains: ExportedDomain[];
  /** Topics whose names fit no domain (exported only without `domain`). */
  unowned: string[];
  diagnostics: Diagnostic[];
}

/**
 * Reads the cluster (topics, ACLs) and the schema registry (when the session has one) and writes
 * each domain's spec as specmesh would read it back: planning the result shows no changes.
 */
export async function exportDomains(options: ExportOptions): Promise<ExportResult> {
  const admin = await options.session.kafkaAdmin();
  if (!admin) {
    throw new SpecmeshError('export reads the live cluster, and no cluster is configured', {
      fix: 'Pass --bootstrap-server host:port (or --command-config client.properties), or set SPECMESH_BOOTSTRAP_SERVERS.',
    });
  }
  const groups = groupTopicsByDomain(await admin.listTopics());
  const wanted = options.domain !== undefined ? [options.domain] : [...groups.domains.keys()];
  if (options.domain !== undefined && !groups.domains.has(options.domain)) {
    throw new SpecmeshError(`Domain "${options.domain}" has no topics on the cluster (none named ${options.domain}._public|_protected|_private.…)`, {
      fix: 'Check the domain id (the spec\'s `id` without `urn:`); run `specmesh export` without --domain to list the domains the cluster has.',
    });
  }
  const names = wanted.flatMap((d) => groups.domains.get(d) ?? []);
  const [described, acls] = await Promise.all([admin.describeTopics(names), admin.describeAcls()]);
  const principalOf = principalResolver(options.principals);
  const known = [...groups.domains.keys()];
  const diagnostics: Diagnostic[] = [];
  const schemas = await readSchemas(await registryOf(options.session, diagnostics), names, diagnostics);
  // Topics by owner and bindings by topic and by principal, once: filtering them per domain is
  // quadratic, seconds on an estate of thousands of topics.
  const topicsOf = groupBy(described, (t) => ownerOfTopic(t.name)?.owner);
  const aclsOnTopic = groupBy(acls, (b) => b.resourceName);
  const aclsOf = groupBy(acls, (b) => b.principal);
  const aclOrder = new Map(acls.map((b, i) => [b, i]));
  const schemasOf = groupBy(schemas, (s) => ownerOfTopic(s.topic)?.owner);
  const domains = wanted.map((domain) => {
    const topics = topicsOf.get(domain) ?? [];
    const protectedTopics = topics.filter((t) => ownerOfTopic(t.name)?.visibility === 'protected').map((t) => t.name);
    const { grants, foreign } = recoverGrants(domain, protectedTopics, protectedTopics.flatMap((t) => aclsOnTopic.get(t) ?? []).sort((a, b) => aclOrder.get(a)! - aclOrder.get(b)!), known, principalOf);
    for (const b of foreign) {
      diagnostics.push(warning('export-grant-unknown', `READ on "${b.resourceName}" for ${b.principal} is not exported: the principal is no domain's`, undefined,
        'Pass --principal-map with the domain that principal stands for.'));
    }
    const { specFile, files } = buildDomainSpec({
      domain, topics, grants, consumes: recoverConsumed(domain, aclsOf.get(principalOf(domain)) ?? [], principalOf), schemas: schemasOf.get(domain) ?? [],
      version: options.version ?? '2.6',
    });
    return { domain, specFile, files };
  });
  return { domains, unowned: options.domain === undefined ? groups.unowned : [], diagnostics };
}

/** Items by key, each list in the items' order; items without a key are left out. */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}

async function registryOf(session: Session, diagnostics: Diagnostic[]): Promise<SchemaRegistryPort | undefined> {
  try {
    return await session.schemaRegistry();
  } catch (err) {
    diagnostics.push(warning('export-registry', `No schemas exported: ${(err as Error).message}`));
    return undefined;
  }
}

/** The latest key and value schema of each topic (TopicNameStrategy subjects); what cannot be read is named in a warning. */
async function readSchemas(registry: SchemaRegistryPort | undefined, topics: readonly string[], diagnostics: Diagnostic[]): Promise<ExportedSchema[]> {
  if (!registry || topics.length === 0) return [];
  let subjects: Set<string>;
  try {
    subjects = new Set(await registry.listSubjects());
  } catch (err) {
    diagnostics.push(warning('export-registry-unreachable', `Schemas not exported for ${topics.join(', ')}: ${(err as Error).message}`,
      undefined, 'Export again when the registry is reachable, or add the schemas to the specs by hand.'));
    return [];
  }
  const out: ExportedSchema[] = [];
  const missed: string[] = [];
  for (const topic of topics) {
    for (const part of ['value', 'key'] as const) {
      const subject = `${topic}-${part}`;
      if (!subjects.has(subject)) continue;
      try {
        const latest = await registry.getVersion(subject, 'latest');
        if (!latest) continue;
        if (latest.references.length > 0) {
          diagnostics.push(warning('export-schema-references', `Schema of subject "${subject}" references other subjects; it is not exported`, undefined,
            'Write the schema and the files it references into the spec\'s schema folder by hand.'));
          continue;
        }
        const level = await registry.getCompatibility(subject);
        out.push({ topic, part, schemaType: latest.schemaType, schema: latest.schema, ...(level ? { compatibility: level } : {}) });
      } catch {
        missed.push(subject);
      }
    }
  }
  if (missed.length > 0) {
    diagnostics.push(warning('export-schema-unread', `Schemas not exported (the registry at ${registry.displayUrl} did not answer for them): ${missed.join(', ')}`,
      undefined, 'Export again when the registry is reachable.'));
  }
  return out;
}
