import type { AclBinding } from '../acl/acl-binding.js';
import { aclDiffSpec } from '../acl/acl-diff.js';
import { principalDiagnostics } from '../acl/principal-checks.js';
import { aclOwnerDomain } from '../acl/acl-scope.js';
import { accessLostBy } from '../acl/migration-losses.js';
import type { Change } from '../core/change.js';
import { error, warning, type Diagnostic } from '../core/diagnostic.js';
import { diffResources } from '../core/diff-resources.js';
import { isDomainName } from '../spec/naming.js';
import type { EmitterDefinition, KindPlanner, PlanContext } from './emitter.js';
import { notePreserved } from './notes.js';
import { topicPlanner } from './topics.js';

/** `User:<d>` names domain `<d>` when no mapping says otherwise. */
const unmappedDomain = (principal: string): string | undefined => {
  const name = principal.startsWith('User:') ? principal.slice(5) : undefined;
  return name !== undefined && isDomainName(name) ? name : undefined;
};

const describeAcl = (b: AclBinding): string =>
  `${b.permission} ${b.principal} ${b.operation} ${b.resourceType}:${b.patternType}:${b.resourceName}`;

/** The Kafka ACL bindings the domains' access asks for, against the cluster's, inside the planned domains. */
export const aclPlanner: KindPlanner = {
  name: 'acls',
  plan(context: PlanContext) {
    const diagnostics: Diagnostic[] = [];
    if (context.kafkaVariant === 'msk-serverless') {
      const named = context.emitters.filter((e) => e === 'acl' || e === 'scram');
      diagnostics.push(error('serverless-acl', `MSK Serverless clusters authenticate only with IAM, so the ${named.join(' and ')} emitter${named.length > 1 ? 's have' : ' has'} nothing to govern there`,
        undefined, 'Use --emitter iam with --msk-cluster-arn for an MSK Serverless cluster.'));
    }
    const principalToDomain = new Map(context.estate.map((d) => [context.principalOf(d), d]));
    const domainOfPrincipal = (p: string): string | undefined => principalToDomain.get(p) ?? unmappedDomain(p);
    diagnostics.push(...principalDiagnostics(context.principals, context.domains.map((d) => d.id), context.principalOf));
    const live = context.live.acls ?? [];
    const { changes, keptOrphans } = diffResources(aclDiffSpec(context.planned, domainOfPrincipal), context.desired.acls, live, { cleanUnspecified: context.cleanUnspecified });
    diagnostics.push(...notePreserved(keptOrphans.map(describeAcl), 'ACL'));
    diagnostics.push(...loosePrefixes(live, context.planned, domainOfPrincipal, context.cleanUnspecified));
    diagnostics.push(...migrationLosses(changes));
    return { changes, diagnostics };
  },
};

/** SpecMesh's own model grants `PREFIXED <domain>` without a trailing dot, which crosses domain boundaries. */
function loosePrefixes(live: readonly AclBinding[], planned: ReadonlySet<string>, domainOfPrincipal: (p: string) => string | undefined, cleaning: boolean): Diagnostic[] {
  const loose = live.filter((b) => b.patternType === 'PREFIXED' && b.permission === 'ALLOW' && b.resourceType !== 'CLUSTER' && !b.resourceName.endsWith('.')
    && planned.has(aclOwnerDomain(b, domainOfPrincipal) ?? ''));
  const example = loose[0];
  // With --clean-unspecified they are deleted, and `acl-migration-clients` says who loses what.
  if (!example || cleaning) return [];
  return [warning('acl-loose-prefix',
    `${loose.length} live ACL binding${loose.length === 1 ? '' : 's'} of the planned domains use a prefix without a trailing "." (SpecMesh's model), which also matches other domains' names: "${example.resourceName}" matches "${example.resourceName}x…" and nested domains`,
    undefined, `Run with --clean-unspecified to replace them with the bounded bindings in this plan; that plan names the groups and transactional ids that lose access (e.g. group ids "${example.resourceName}-…"), to rename to "${example.resourceName}.…" first.`)];
}

/** A plan that deletes SpecMesh's loose bindings names the clients that lose access with them. */
function migrationLosses(changes: readonly Change[]): Diagnostic[] {
  const deleted = changes.flatMap((c) => (c.kind === 'acl' && c.action === 'delete' ? [c.before] : []));
  return accessLostBy(deleted).map((loss) => warning('acl-migration-clients', `Deleting SpecMesh's prefix bindings cuts running clients off: ${loss}`, undefined,
    'Rename those clients before applying this plan (a renamed group starts without committed offsets: copy them with kafka-consumer-groups --reset-offsets first), or plan without --clean-unspecified until they are renamed.'));
}

export const aclEmitter: EmitterDefinition = {
  summary: 'Kafka ACLs',
  kinds: ['topic', 'acl'],
  planners: [topicPlanner, aclPlanner],
};
