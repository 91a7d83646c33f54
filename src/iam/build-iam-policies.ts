import { error, warning, type Diagnostic } from '../core/diagnostic.js';
import type { Domain } from '../spec/model.js';
import { isLiteralName, parseClusterArn, type ClusterArn } from './cluster-arn.js';
import { buildClusterPolicy, clusterPolicyDiagnostics, type CrossAccountGrant } from './cluster-policy.js';
import { companionGaps } from './companions.js';
import { buildDomainStatements } from './domain-statements.js';
import type { IamOptions } from './iam-options.js';
import type { IamPolicy, MskClusterPolicy } from './iam-policy.js';
import { SERVERLESS_UNSUPPORTED } from './kafka-actions.js';
import { policyDocument, type PolicyStatement } from './policy-document.js';
import { policySetDiagnostics } from './policy-set-checks.js';
import { publicPatternOverlaps } from './public-pattern-overlap.js';
import { parseRoleArn, roleArnFor, type RoleArn } from './role-arn.js';
import { isNestedDomain } from '../spec/naming.js';
import { partitionOfRegion, unknownRegionProblem } from '../aws/regions.js';
import { splitStatements } from './split-policy.js';

export interface IamBuildResult {
  policies: IamPolicy[];
  /** Present when some role is in another account than the cluster. */
  clusterPolicy?: MskClusterPolicy;
  diagnostics: Diagnostic[];
}

export const policyNameFor = (domain: string, part: number, parts: number): string =>
  parts > 1 ? `specmesh-${domain}-${part}` : `specmesh-${domain}`;

/**
 * One identity policy (split into parts when large) per domain role, and the MSK cluster policy
 * when roles live in other accounts. Problems come back as diagnostics; a domain with an error
 * (no role, a bad role ARN, an unusable id) gets no policy.
 */
export function buildIamPolicies(domains: Domain[], options: IamOptions): IamBuildResult {
  const cluster = parseClusterArn(options.clusterArn);
  if ('problem' in cluster) {
    return { policies: [], diagnostics: [error('iam-cluster-arn-invalid', `The cluster ARN (--msk-cluster-arn): ${cluster.problem}`, undefined,
      'Copy the ARN from the MSK console or `aws kafka list-clusters-v2`.')] };
  }
  const regionProblem = clusterRegionProblem(cluster, options.allowUnknownRegions ?? false);
  if (regionProblem) {
    return { policies: [], diagnostics: [error('iam-cluster-arn-invalid', `The cluster ARN ${cluster.arn} (--msk-cluster-arn): ${regionProblem}`, undefined,
      'Copy the ARN from the MSK console or `aws kafka list-clusters-v2`; if AWS opened this region after this release, set SPECMESH_ALLOW_UNKNOWN_REGIONS=1.')] };
  }
  const sorted = [...domains].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const shared = sharedTemplateDiagnostic(sorted, options);
  if (shared?.severity === 'error') return { policies: [], diagnostics: [shared] };
  const owners = new Map(sorted.map((d) => [d.id, d]));
  const widenPublicReads = options.widenPublicReads ?? false;
  const publicOverlaps = widenPublicReads ? publicPatternOverlaps(sorted) : [];
  const diagnostics: Diagnostic[] = [...(shared ? [shared] : []), ...publicOverlaps.map((o) => warning('iam-public-pattern-overlap',
    `Topic "${o.topic}" is not public but contains "._public.", so the widened read pattern …/*._public.* matches it; it is denied explicitly to every domain not granted it`,
    undefined, 'Rename the topic so that "._public." appears only as its visibility segment.'))];

  const policies: IamPolicy[] = [];
  const crossAccount: CrossAccountGrant[] = [];
  for (const domain of sorted) {
    if (!isLiteralName(domain.id)) {
      diagnostics.push(error('iam-name-unsafe', `Domain "${domain.id}" has characters that cannot appear in an IAM resource ARN`, domain.location));
      continue;
    }
    const role = resolveRole(domain, options, cluster);
    if ('problem' in role) {
      diagnostics.push(role.problem);
      continue;
    }
    const nested = [...new Set([...owners.keys(), ...(options.estate ?? [])])].sort()
      .filter((id) => isNestedDomain(id, domain.id) && roleArnFor(id, options) !== role.arn);
    const built = buildDomainStatements(domain, { cluster, owners, widenPublicReads, publicOverlaps, nested });
    diagnostics.push(...built.diagnostics);
    checkStatements(domain.id, built.statements, options.serverless ?? false);
    const parts = splitStatements(built.statements);
    for (const [i, statements] of parts.entries()) {
      policies.push({
        domain: domain.id, principal: role.arn, policyName: policyNameFor(domain.id, i + 1, parts.length),
        part: i + 1, parts: parts.length, document: policyDocument(statements),
      });
    }
    if (role.account !== cluster.account) {
      crossAccount.push({ domain: domain.id, principal: role.arn, roleName: role.name, statements: built.statements });
    }
  }
  diagnostics.push(...policySetDiagnostics(policies));
  if (crossAccount.length === 0) return { policies, diagnostics };
  const clusterPolicy = buildClusterPolicy(cluster, crossAccount);
  diagnostics.push(...clusterPolicyDiagnostics(clusterPolicy));
  return { policies, clusterPolicy, diagnostics };
}

function clusterRegionProblem(cluster: ClusterArn, allowUnknown: boolean): string | undefined {
  const unknown = unknownRegionProblem(cluster.region, allowUnknown);
  if (unknown) return unknown;
  const partition = partitionOfRegion(cluster.region);
  return partition && partition !== cluster.partition ? `region ${cluster.region} is in partition ${partition}, but the ARN says ${cluster.partition}` : undefined;
}

/**
 * A role template without `{domain}` gives every domain the same role, which then holds every
 * domain's access: an error unless the caller says it is meant (sharedRole).
 */
function sharedTemplateDiagnostic(domains: readonly Domain[], options: IamOptions): Diagnostic | undefined {
  const template = options.roleTemplate;
  if (template === undefined || template.includes('{domain}')) return undefined;
  const onTemplate = domains.filter((d) => options.roleMapping?.[d.id] === undefined).map((d) => d.id);
  if (onTemplate.length === 0) return undefined;
  const names = `${onTemplate.slice(0, 5).join(', ')}${onTemplate.length > 5 ? ', …' : ''}`;
  // Meant: policySetDiagnostics warns that the domains share the role.
  if (options.sharedRole) return undefined;
  return error('iam-role-template-shared', `--iam-role-template "${template.trim()}" has no {domain}: every domain (${names}) would share that one role, and with it every other domain's access`, undefined,
    'Put {domain} in the template (arn:aws:iam::<account>:role/specmesh-{domain}) or map domains to roles with --iam-role-map; if one role for all domains is really meant, pass --iam-shared-role.');
}

function resolveRole(domain: Domain, options: IamOptions, cluster: ClusterArn): RoleArn | { problem: Diagnostic } {
  const arn = roleArnFor(domain.id, options);
  if (arn === undefined) {
    return { problem: error('iam-role-missing', `No IAM role for domain "${domain.id}"`, domain.location,
      'Pass --iam-role-template with {domain} in it, or map the domain in --iam-role-map.') };
  }
  const role = parseRoleArn(arn);
  if ('problem' in role) {
    return { problem: error('iam-role-invalid', `Role for domain "${domain.id}": ${role.problem}`, domain.location,
      'Fix the role template or the role map entry.') };
  }
  if (role.partition !== cluster.partition) {
    return { problem: error('iam-role-invalid', `Role "${role.arn}" for domain "${domain.id}" is in partition ${role.partition}, the cluster in ${cluster.partition}`, domain.location,
      `Roles must be in the cluster's partition: write the role template or map entry as arn:${cluster.partition}:iam::<account>:role/….`) };
  }
  return role;
}

/** Internal invariants: a failure is a bug in this module, not a problem in the input. */
function checkStatements(domain: string, statements: readonly PolicyStatement[], serverless: boolean): void {
  const gaps = companionGaps(statements);
  if (gaps.length > 0) throw new Error(`This is a bug: the IAM policy of "${domain}" lacks required actions: ${gaps.join('; ')}`);
  const actions = statements.flatMap((s) => s.Action);
  const wild = actions.filter((a) => a.includes('*'));
  if (wild.length > 0) throw new Error(`This is a bug: the IAM policy of "${domain}" has wildcard actions: ${wild.join(', ')}`);
  const unsupported = serverless ? actions.filter((a) => SERVERLESS_UNSUPPORTED.includes(a)) : [];
  if (unsupported.length > 0) throw new Error(`This is a bug: the IAM policy of "${domain}" uses actions MSK Serverless lacks: ${unsupported.join(', ')}`);
}
