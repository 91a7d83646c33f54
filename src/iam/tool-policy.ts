import { parseClusterArn } from './cluster-arn.js';
import { policyDocument, statement, type PolicyDocument, type PolicyStatement } from './policy-document.js';

export type ToolCommand = 'plan' | 'provision';

/** What specmesh is run with; each choice adds the calls it makes. */
export interface ToolPolicyOptions {
  /** The emitters of the run: acl, scram, iam. */
  emitters: readonly string[];
  command: ToolCommand;
  /** Narrows every resource to this cluster (and its account and region); without it, `*` stands in. */
  clusterArn?: string;
  /** Whether specmesh itself connects to Kafka with MSK IAM (default true): its kafka-cluster actions. */
  kafkaIam?: boolean;
  /** --iam-manage: the iam emitter reads and writes IAM policies; off by default, as for plan and provision (then it only writes policy files). */
  iamManage?: boolean;
  /**
   * --iam-role-template (`arn:aws:iam::<account>:role/specmesh-{domain}`): the domain roles policies are
   * attached to and detached from; without it, any role of the account.
   */
  roleTemplate?: string;
  /** The names of the SCRAM secrets (default `AmazonMSK_specmesh_*`, the names specmesh gives them). */
  secretNames?: string;
  /** --clean-unspecified: deletes too. */
  cleanUnspecified?: boolean;
  /** --create-kms-key, for the scram emitter. */
  createKmsKey?: boolean;
}

type Resource = 'cluster' | 'topics' | 'policies' | 'roles' | 'role-attachments' | 'users' | 'groups' | 'keys' | 'secrets' | 'any';
type When = 'plan' | 'provision' | 'clean' | 'create-kms-key';
type Needs = 'kafka-iam' | 'kafka-acls' | 'iam-manage' | 'scram';

/**
 * Every call specmesh makes, by what needs it. Kafka's own requests are the `kafka-cluster:`
 * actions MSK maps them to (src/adapters/kafka/kafkajs-admin.ts: Metadata, DescribeConfigs,
 * CreateTopics, CreatePartitions, AlterConfigs, DeleteTopics, Describe/Create/DeleteAcls); the
 * AWS API calls are those of src/adapters/aws.
 */
const CALLS: readonly { action: string; resource: Resource; when: When; needs: Needs }[] = [
  { action: 'kafka-cluster:Connect', resource: 'cluster', when: 'plan', needs: 'kafka-iam' },
  { action: 'kafka-cluster:DescribeTopic', resource: 'topics', when: 'plan', needs: 'kafka-iam' },
  { action: 'kafka-cluster:DescribeTopicDynamicConfiguration', resource: 'topics', when: 'plan', needs: 'kafka-iam' },
  { action: 'kafka-cluster:CreateTopic', resource: 'topics', when: 'provision', needs: 'kafka-iam' },
  { action: 'kafka-cluster:AlterTopic', resource: 'topics', when: 'provision', needs: 'kafka-iam' },
  { action: 'kafka-cluster:AlterTopicDynamicConfiguration', resource: 'topics', when: 'provision', needs: 'kafka-iam' },
  { action: 'kafka-cluster:DeleteTopic', resource: 'topics', when: 'clean', needs: 'kafka-iam' },
  { action: 'kafka-cluster:DescribeCluster', resource: 'cluster', when: 'plan', needs: 'kafka-acls' },
  { action: 'kafka-cluster:AlterCluster', resource: 'cluster', when: 'provision', needs: 'kafka-acls' },

  { action: 'sts:GetCallerIdentity', resource: 'any', when: 'plan', needs: 'iam-manage' },
  { action: 'iam:ListPolicies', resource: 'any', when: 'plan', needs: 'iam-manage' },
  { action: 'iam:GetPolicy', resource: 'policies', when: 'plan', needs: 'iam-manage' },
  { action: 'iam:GetPolicyVersion', resource: 'policies', when: 'plan', needs: 'iam-manage' },
  { action: 'iam:ListEntitiesForPolicy', resource: 'policies', when: 'plan', needs: 'iam-manage' },
  { action: 'iam:GetRole', resource: 'roles', when: 'plan', needs: 'iam-manage' },
  { action: 'kafka:GetClusterPolicy', resource: 'cluster', when: 'plan', needs: 'iam-manage' },
  { action: 'iam:CreatePolicy', resource: 'policies', when: 'provision', needs: 'iam-manage' },
  { action: 'iam:TagPolicy', resource: 'policies', when: 'provision', needs: 'iam-manage' },
  { action: 'iam:CreatePolicyVersion', resource: 'policies', when: 'provision', needs: 'iam-manage' },
  { action: 'iam:ListPolicyVersions', resource: 'policies', when: 'provision', needs: 'iam-manage' },
  { action: 'iam:DeletePolicyVersion', resource: 'policies', when: 'provision', needs: 'iam-manage' },
  { action: 'iam:AttachRolePolicy', resource: 'role-attachments', when: 'provision', needs: 'iam-manage' },
  { action: 'iam:DetachRolePolicy', resource: 'role-attachments', when: 'provision', needs: 'iam-manage' },
  { action: 'kafka:PutClusterPolicy', resource: 'cluster', when: 'provision', needs: 'iam-manage' },
  { action: 'iam:DeletePolicy', resource: 'policies', when: 'clean', needs: 'iam-manage' },
  { action: 'iam:DetachUserPolicy', resource: 'users', when: 'clean', needs: 'iam-manage' },
  { action: 'iam:DetachGroupPolicy', resource: 'groups', when: 'clean', needs: 'iam-manage' },
  { action: 'kafka:DeleteClusterPolicy', resource: 'cluster', when: 'clean', needs: 'iam-manage' },

  { action: 'kafka:DescribeClusterV2', resource: 'cluster', when: 'plan', needs: 'scram' },
  { action: 'kafka:ListScramSecrets', resource: 'cluster', when: 'plan', needs: 'scram' },
  { action: 'kms:DescribeKey', resource: 'keys', when: 'plan', needs: 'scram' },
  { action: 'secretsmanager:ListSecrets', resource: 'any', when: 'plan', needs: 'scram' },
  { action: 'secretsmanager:DescribeSecret', resource: 'secrets', when: 'plan', needs: 'scram' },
  { action: 'secretsmanager:CreateSecret', resource: 'secrets', when: 'provision', needs: 'scram' },
  { action: 'secretsmanager:UpdateSecret', resource: 'secrets', when: 'provision', needs: 'scram' },
  { action: 'secretsmanager:GetSecretValue', resource: 'secrets', when: 'provision', needs: 'scram' },
  { action: 'secretsmanager:TagResource', resource: 'secrets', when: 'provision', needs: 'scram' },
  { action: 'secretsmanager:RestoreSecret', resource: 'secrets', when: 'provision', needs: 'scram' },
  { action: 'kms:GenerateDataKey', resource: 'keys', when: 'provision', needs: 'scram' },
  { action: 'kms:Decrypt', resource: 'keys', when: 'provision', needs: 'scram' },
  { action: 'kms:CreateGrant', resource: 'keys', when: 'provision', needs: 'scram' },
  { action: 'kafka:BatchAssociateScramSecret', resource: 'cluster', when: 'provision', needs: 'scram' },
  { action: 'kafka:BatchDisassociateScramSecret', resource: 'cluster', when: 'clean', needs: 'scram' },
  { action: 'secretsmanager:DeleteSecret', resource: 'secrets', when: 'clean', needs: 'scram' },
  { action: 'kms:CreateKey', resource: 'any', when: 'create-kms-key', needs: 'scram' },
  { action: 'kms:CreateAlias', resource: 'any', when: 'create-kms-key', needs: 'scram' },
  { action: 'kms:ScheduleKeyDeletion', resource: 'keys', when: 'create-kms-key', needs: 'scram' },
];

/** The resources whose actions attach or detach a policy: each is limited to specmesh's own policies. */
const ATTACHES: ReadonlySet<Resource> = new Set(['role-attachments', 'users', 'groups']);

const SIDS: Record<Resource, string> = {
  cluster: 'SpecmeshCluster', topics: 'SpecmeshTopics', policies: 'SpecmeshManagedPolicies', roles: 'SpecmeshDomainRoles', 'role-attachments': 'SpecmeshAttachToDomainRoles',
  users: 'SpecmeshDetachFromUsers', groups: 'SpecmeshDetachFromGroups', keys: 'SpecmeshKmsKeys', secrets: 'SpecmeshScramSecrets', any: 'SpecmeshUnscoped',
};

function resourceArns(clusterArn: string | undefined, roleTemplate: string | undefined, secretNames: string): Record<Resource, string[]> {
  const parsed = clusterArn ? parseClusterArn(clusterArn) : undefined;
  const c = parsed && !('problem' in parsed) ? parsed : undefined;
  const partition = c?.partition ?? 'aws';
  const region = c?.region ?? '*';
  const account = c?.account ?? '*';
  const cluster = c ? c.arn : `arn:${partition}:kafka:*:*:cluster/*`;
  const clusterPath = c ? `${c.name}/${c.uuid}` : '*';
  const roles = roleTemplate ? roleTemplate.trim().replaceAll('{domain}', '*') : `arn:${partition}:iam::${account}:role/*`;
  return {
    cluster: [cluster],
    topics: [`arn:${partition}:kafka:${region}:${account}:topic/${clusterPath}/*`],
    policies: [`arn:${partition}:iam::${account}:policy/specmesh/*`],
    roles: [roles],
    'role-attachments': [roles],
    users: [`arn:${partition}:iam::${account}:user/*`],
    groups: [`arn:${partition}:iam::${account}:group/*`],
    keys: [`arn:${partition}:kms:${region}:${account}:key/*`],
    secrets: [`arn:${partition}:secretsmanager:${region}:${account}:secret:${secretNames}`],
    any: ['*'],
  };
}

/**
 * The identity policy specmesh itself needs for a command: the AWS API actions of its emitters and
 * the `kafka-cluster:` actions of its own Kafka connection, each on the narrowest resource it can
 * name, one statement per resource. List actions and sts:GetCallerIdentity take no resource, so
 * they get `*`.
 */
export function buildToolPolicy(options: ToolPolicyOptions): PolicyDocument {
  const emitters = new Set(options.emitters);
  const needs = new Set<Needs>();
  if (options.kafkaIam ?? true) {
    needs.add('kafka-iam');
    if (emitters.has('acl') || emitters.has('scram')) needs.add('kafka-acls');
  }
  if (emitters.has('iam') && options.iamManage) needs.add('iam-manage');
  if (emitters.has('scram')) needs.add('scram');
  const when = new Set<When>(['plan']);
  if (options.command === 'provision') {
    when.add('provision');
    if (options.cleanUnspecified) when.add('clean');
    if (options.createKmsKey) when.add('create-kms-key');
  }
  const arns = resourceArns(options.clusterArn, options.roleTemplate, options.secretNames ?? 'AmazonMSK_specmesh_*');
  const byResource = new Map<Resource, string[]>();
  for (const call of CALLS) {
    if (!needs.has(call.needs) || !when.has(call.when)) continue;
    byResource.set(call.resource, [...(byResource.get(call.resource) ?? []), call.action]);
  }
  const statements: PolicyStatement[] = [...byResource].map(([resource, actions]) => {
    const s = statement(SIDS[resource], 'Allow', actions, arns[resource]);
    // Attaching and detaching only specmesh's own /specmesh/ policies: without this, the role could
    // attach AdministratorAccess to any role it may attach to, its own included.
    return ATTACHES.has(resource) ? { ...s, Condition: { ArnLike: { 'iam:PolicyARN': arns.policies } } } : s;
  });
  return policyDocument(statements);
}

/** Every action the tool policy can hold, for documentation and tests. */
export const TOOL_ACTIONS: readonly string[] = CALLS.map((c) => c.action);
