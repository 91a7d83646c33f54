import type { AclBinding } from '../acl/acl-binding.js';
import { principalResolver } from '../acl/principals.js';
import { error, warning, type Diagnostic } from '../core/diagnostic.js';
import type { Domain } from '../spec/model.js';
import { isDomainName } from '../spec/naming.js';
import type { KafkaVariant } from '../spec/kafka-variant.js';
import { principalDiagnostics } from '../acl/principal-checks.js';
import { estateDomains } from './estate.js';
import { checkLiveTopics } from '../kafka/live-topic-checks.js';
import { aclDiffSpec } from '../acl/acl-diff.js';
import { aclOwnerDomain } from '../acl/acl-scope.js';
import { summarize, warningFromDiagnostic, type Change, type ChangeKind, type Plan } from '../core/change.js';
import { buildDesiredState } from './desired-state.js';
import { diffResources } from '../core/diff-resources.js';
import type { LiveState, LiveTopic } from './live-state.js';
import { topicDiffSpec } from '../kafka/topic-diff.js';
import { planIam, type IamPlanOptions } from '../iam/iam-plan.js';

export type Emitter = 'acl' | 'iam' | 'scram';
export const EMITTERS: readonly Emitter[] = ['acl', 'iam', 'scram'];

/** Whether the emitters govern Kafka ACLs (so the cluster's ACLs must be read). */
export const needsAcls = (emitters: readonly Emitter[]): boolean => emitters.includes('acl') || emitters.includes('scram');

export interface PlanInput {
  domains: readonly Domain[];
  files: readonly { file: string; domain?: string }[];
}

export interface PlanOptions {
  emitters: readonly Emitter[];
  live: LiveState;
  liveSource: Plan['liveSource'];
  cleanUnspecified?: boolean;
  /** Domain → principal (`User:` is added when missing); default `User:<domain>`. */
  principals?: Record<string, string>;
  iam?: IamPlanOptions;
  /** The kind of cluster, for the rules only it has (MSK Serverless). */
  kafkaVariant?: KafkaVariant;
}

/** `User:<d>` names domain `<d>` when no mapping says otherwise. */
const unmappedDomain = (principal: string): string | undefined => {
  const name = principal.startsWith('User:') ? principal.slice(5) : undefined;
  return name !== undefined && isDomainName(name) ? name : undefined;
};

/** Apply order: topics first, then access; deletes last, ACLs before topics. */
const CREATE_ORDER: ChangeKind[] = ['topic', 'schema', 'kms-key', 'scram-secret', 'acl', 'iam-policy', 'msk-cluster-policy'];
const DELETE_ORDER: ChangeKind[] = ['acl', 'iam-policy', 'msk-cluster-policy', 'scram-secret', 'kms-key', 'schema', 'topic'];

/** Diffs what the specs want against what exists. Pure: everything comes in as arguments. */
export function buildPlan(input: PlanInput, options: PlanOptions): { plan: Plan; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const planned = new Set(input.domains.map((d) => d.id));
  const principalOf = principalResolver(options.principals);
  const liveTopics = options.live.topics ?? [];
  const estate = estateDomains(planned, options.live);
  const desired = buildDesiredState(input.domains, estate, principalOf);
  const cleanUnspecified = options.cleanUnspecified ?? false;
  const changes: Change[] = [];
  diagnostics.push(...checkLiveTopics(desired.topics, options.live, options.kafkaVariant));
  const topicResources = desired.topics.map((t) => ({
    name: t.name, partitions: t.partitions,
    ...(t.replicationFactor !== undefined ? { replicationFactor: t.replicationFactor } : {}),
    configs: t.configs,
  }) as LiveTopic);
  const topics = diffResources(topicDiffSpec(planned), topicResources, liveTopics, { cleanUnspecified });
  changes.push(...topics.changes);
  notePreserved(topics.keptOrphans.map((t) => t.name), 'topic', diagnostics);

  const aclEmitters = options.emitters.filter((e) => e === 'acl' || e === 'scram');
  if (aclEmitters.length > 0 && options.kafkaVariant === 'msk-serverless') {
    diagnostics.push(error('serverless-acl', `MSK Serverless clusters authenticate only with IAM, so the ${aclEmitters.join(' and ')} emitter${aclEmitters.length > 1 ? 's have' : ' has'} nothing to govern there`,
      undefined, 'Use --emitter iam with --msk-cluster-arn for an MSK Serverless cluster.'));
  }
  if (aclEmitters.length > 0) {
    const principalToDomain = new Map([...estate].map((d) => [principalOf(d), d]));
    const domainOfPrincipal = (p: string): string | undefined => principalToDomain.get(p) ?? unmappedDomain(p);
    diagnostics.push(...principalDiagnostics(options.principals, input.domains.map((d) => d.id), principalOf));
    const acls = diffResources(aclDiffSpec(planned, domainOfPrincipal),
      desired.acls, options.live.acls ?? [], { cleanUnspecified });
    changes.push(...acls.changes);
    notePreserved(acls.keptOrphans.map(describeAcl), 'ACL', diagnostics);
    noteLoosePrefixes(options.live.acls ?? [], planned, domainOfPrincipal, diagnostics);
  }
  if (options.emitters.includes('iam')) {
    const iam = planIam(input.domains, options.live, options.iam, cleanUnspecified, estate);
    if (options.live.iamPolicies === undefined) {
      diagnostics.push(warning('iam-not-read', 'IAM policies are not read from AWS: every policy is planned as new, and none as deleted', undefined,
        'Pass --iam-manage to plan against IAM (and have provision apply the policies), or a snapshot with "iamPolicies" through --state; --out writes the documents for your IAM tooling.'));
    }
    changes.push(...iam.changes);
    diagnostics.push(...iam.diagnostics);
  }
  if (options.liveSource === 'empty') {
    diagnostics.push(warning('no-cluster', 'No cluster connection: this plan compares the specs with an empty cluster', undefined,
      'Pass --bootstrap-server (or --state <file>) to diff against what exists.'));
  }

  const ordered = orderChanges(changes);
  const plan: Plan = {
    formatVersion: 1,
    specs: input.files.flatMap((f) => (f.domain ? [{ file: f.file, domain: f.domain }] : [])),
    liveSource: options.liveSource,
    changes: ordered,
    warnings: diagnostics.filter((d) => d.severity === 'warning').map(warningFromDiagnostic),
    summary: summarize(ordered),
  };
  return { plan, diagnostics };
}

const describeAcl = (b: AclBinding): string =>
  `${b.permission} ${b.principal} ${b.operation} ${b.resourceType}:${b.patternType}:${b.resourceName}`;

function notePreserved(items: string[], noun: string, diagnostics: Diagnostic[]): void {
  if (items.length === 0) return;
  const shown = items.slice(0, 10).join(', ') + (items.length > 10 ? `, … (${items.length - 10} more)` : '');
  diagnostics.push(warning('unspecified-kept', `${items.length} ${noun}${items.length === 1 ? '' : 's'} of the planned domains ${items.length === 1 ? 'exists' : 'exist'} but no spec declares ${items.length === 1 ? 'it; it is' : 'them; they are'} kept: ${shown}`,
    undefined, 'Run with --clean-unspecified to delete them.'));
}

/** Adds changes from further planners, keeping the apply order and the summary right. */
export function withChanges(plan: Plan, extra: readonly Change[], diagnostics: readonly Diagnostic[] = []): Plan {
  const changes = orderChanges([...plan.changes, ...extra]);
  return {
    ...plan,
    changes,
    warnings: [...plan.warnings, ...diagnostics.filter((d) => d.severity === 'warning').map(warningFromDiagnostic)],
    summary: summarize(changes),
  };
}

/** SpecMesh's own model grants `PREFIXED <domain>` without a trailing dot, which crosses domain boundaries. */
function noteLoosePrefixes(live: readonly AclBinding[], planned: ReadonlySet<string>, domainOfPrincipal: (p: string) => string | undefined, diagnostics: Diagnostic[]): void {
  const loose = live.filter((b) => b.patternType === 'PREFIXED' && b.permission === 'ALLOW' && b.resourceType !== 'CLUSTER' && !b.resourceName.endsWith('.')
    && planned.has(aclOwnerDomain(b, domainOfPrincipal) ?? ''));
  if (loose.length === 0) return;
  const example = loose[0]!;
  diagnostics.push(warning('acl-loose-prefix',
    `${loose.length} live ACL binding${loose.length === 1 ? '' : 's'} of the planned domains use a prefix without a trailing "." (SpecMesh's model), which also matches other domains' names: "${example.resourceName}" matches "${example.resourceName}x…" and nested domains`,
    undefined, 'Run with --clean-unspecified to replace them with the bounded bindings in this plan.'));
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Apply order, then by domain and id (code-point order: the same on every machine and locale). */
function orderChanges(changes: Change[]): Change[] {
  const rank = (c: Change): number =>
    c.action === 'delete' ? 100 + DELETE_ORDER.indexOf(c.kind) : CREATE_ORDER.indexOf(c.kind);
  const ranked = changes.map((c) => ({ c, r: rank(c), d: c.domain ?? '' }));
  ranked.sort((a, b) => a.r - b.r || byCodePoint(a.d, b.d) || byCodePoint(a.c.id, b.c.id));
  return ranked.map((x) => x.c);
}
