import { isKind, type Plan } from '../core/change.js';
import { POLICY_PATH, policyTags } from '../iam/manage/managed-policy-names.js';
import { sidWord } from '../iam/policy-document.js';
import { parseRoleArn } from '../iam/role-arn.js';

export const IAM_FORMATS = ['json', 'terraform', 'cloudformation'] as const;
export type IamFormat = (typeof IAM_FORMATS)[number];

/** A domain role's identity policy, as the plan holds it. */
export interface PlannedPolicy {
  domain: string;
  /** The role ARN it is attached to. */
  principal: string;
  policyName: string;
  document: unknown;
}

export interface PlannedIam {
  clusterArn: string;
  policies: readonly PlannedPolicy[];
  /** The whole MSK cluster policy (others' statements kept), when the plan has one. */
  clusterPolicy?: unknown;
}

export interface IamFile {
  /** A file name, relative to the output folder. */
  name: string;
  content: string;
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** A small stable hash (FNV-1a), to tell apart names that collide once made identifiers. */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0').slice(0, 6);
}

/** Identifiers for each name, made by `base`; two names with the same base both get a hash of the name. */
function identifiers(names: readonly string[], base: (name: string) => string, join: string): Map<string, string> {
  const counts = new Map<string, number>();
  for (const n of names) counts.set(base(n), (counts.get(base(n)) ?? 0) + 1);
  return new Map(names.map((n) => [n, counts.get(base(n))! > 1 ? `${base(n)}${join}${shortHash(n)}` : base(n)]));
}

const roleName = (arn: string): string => {
  const r = parseRoleArn(arn);
  return 'problem' in r ? arn : r.name;
};

const description = (domain: string): string => `MSK access of domain ${domain} (specmesh)`;

/** Terraform's JSON syntax reads `${` in any string as interpolation; a policy's text must stay literal. */
const literal = (text: string): string => text.replaceAll('${', '$${');

/**
 * The planned policies as files for the team's IAM tooling: plain policy documents (`json`, what
 * `plan --iam-out` always wrote), Terraform in JSON syntax (aws_iam_policy, aws_iam_role_policy_attachment,
 * aws_msk_cluster_policy) or a CloudFormation template (AWS::IAM::ManagedPolicy attached to the role,
 * AWS::MSK::ClusterPolicy). Names and paths are those --iam-manage gives the policies, and Terraform's
 * tags too, so Terraform and --iam-manage can take over each other's policies; CloudFormation's
 * AWS::IAM::ManagedPolicy has no tags, so --iam-manage leaves a stack's policies alone.
 */
export function renderIamAsCode(iam: PlannedIam, format: IamFormat): IamFile[] {
  if (iam.policies.length === 0 && iam.clusterPolicy === undefined) return [];
  if (format === 'json') {
    return [
      ...iam.policies.map((p) => ({ name: `${p.policyName}.json`, content: json(p.document) })),
      ...(iam.clusterPolicy !== undefined ? [{ name: 'msk-cluster-policy.json', content: json(iam.clusterPolicy) }] : []),
    ];
  }
  if (format === 'terraform') return [{ name: 'specmesh-iam.tf.json', content: json(terraform(iam)) }];
  return [{ name: 'specmesh-iam.cfn.json', content: json(cloudFormation(iam)) }];
}

function terraform(iam: PlannedIam): object {
  const ids = identifiers(iam.policies.map((p) => p.policyName), (n) => n.replace(/[^A-Za-z0-9_-]/g, '_'), '_');
  const policies: Record<string, object> = {};
  const attachments: Record<string, object> = {};
  for (const p of iam.policies) {
    const id = ids.get(p.policyName)!;
    policies[id] = {
      name: p.policyName, path: POLICY_PATH, description: description(p.domain),
      policy: literal(JSON.stringify(p.document)), tags: policyTags(p.domain, p.principal, iam.clusterArn),
    };
    attachments[id] = { role: roleName(p.principal), policy_arn: `\${aws_iam_policy.${id}.arn}` };
  }
  const resource: Record<string, object> = {};
  if (iam.policies.length) {
    resource.aws_iam_policy = policies;
    resource.aws_iam_role_policy_attachment = attachments;
  }
  if (iam.clusterPolicy !== undefined) {
    resource.aws_msk_cluster_policy = { specmesh: { cluster_arn: iam.clusterArn, policy: literal(JSON.stringify(iam.clusterPolicy)) } };
  }
  return {
    '//': `MSK IAM policies planned by specmesh for ${iam.clusterArn}. Apply in the account of the roles; a role in another account needs its policy applied there.`,
    resource,
  };
}

function cloudFormation(iam: PlannedIam): object {
  const ids = identifiers(iam.policies.map((p) => p.policyName), (n) => sidWord(n).slice(0, 240), '');
  const resources: Record<string, object> = {};
  for (const p of iam.policies) {
    resources[ids.get(p.policyName)!] = {
      Type: 'AWS::IAM::ManagedPolicy',
      Properties: {
        ManagedPolicyName: p.policyName, Path: POLICY_PATH, Description: description(p.domain),
        PolicyDocument: p.document, Roles: [roleName(p.principal)],
      },
    };
  }
  if (iam.clusterPolicy !== undefined) {
    resources.SpecmeshMskClusterPolicy = { Type: 'AWS::MSK::ClusterPolicy', Properties: { ClusterArn: iam.clusterArn, Policy: iam.clusterPolicy } };
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `MSK IAM policies planned by specmesh for ${iam.clusterArn}`,
    Resources: resources,
  };
}

/** What a plan wants of IAM for this cluster: every policy it creates, updates or keeps, and the cluster policy. */
export function plannedIam(plan: Plan, clusterArn: string): PlannedIam {
  let clusterPolicy: unknown;
  const policies: PlannedPolicy[] = [];
  for (const c of plan.changes) {
    if (c.action === 'delete') continue;
    if (isKind(c, 'iam-policy')) {
      policies.push({ domain: c.domain ?? '', principal: c.after.principal, policyName: c.after.policyName, document: c.after.document });
    } else if (isKind(c, 'msk-cluster-policy')) {
      clusterPolicy = c.after.document;
    }
  }
  return { clusterArn, policies, ...(clusterPolicy !== undefined ? { clusterPolicy } : {}) };
}
