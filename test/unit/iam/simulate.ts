// Test-only: @cloud-copilot/iam-simulate is AGPL and must never be imported from src/.
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { IamPolicy, PolicyDocument } from '../../../src/iam/index.js';

export const ACCOUNT = '111122223333';
export const OTHER_ACCOUNT = '444455556666';
const CLUSTER_PATH = 'demo/0b1d8c2e-5b9a-4c3e-9f7a-2d4e6f8a0c1b-3';
const PREFIX = `arn:aws:kafka:eu-west-1:${ACCOUNT}`;

export const CLUSTER_ARN = `${PREFIX}:cluster/${CLUSTER_PATH}`;
export const topicArn = (topic: string): string => `${PREFIX}:topic/${CLUSTER_PATH}/${topic}`;
export const groupArn = (group: string): string => `${PREFIX}:group/${CLUSTER_PATH}/${group}`;
export const txnArn = (id: string): string => `${PREFIX}:transactional-id/${CLUSTER_PATH}/${id}`;
export const roleTemplate = (account = ACCOUNT): string => `arn:aws:iam::${account}:role/specmesh-{domain}`;
export const roleOf = (domain: string, account = ACCOUNT): string => `arn:aws:iam::${account}:role/specmesh-${domain}`;

export type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

export interface Ask {
  /** The role's identity policies. */
  policies: readonly PolicyDocument[];
  principal: string;
  action: string;
  resource: string;
  /** The MSK cluster policy, for cross-account requests. */
  resourcePolicy?: PolicyDocument;
}

/** AWS's decision for one request, as iam-simulate evaluates it; invalid input fails the test. */
export async function decide(ask: Ask): Promise<Decision> {
  const result = await runSimulation({
    request: { principal: ask.principal, action: ask.action, resource: { resource: ask.resource, accountId: ACCOUNT }, contextVariables: {} },
    identityPolicies: ask.policies.map((policy, i) => ({ name: `policy${i + 1}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(ask.resourcePolicy ? { resourcePolicy: ask.resourcePolicy } : {}),
  }, {});
  if (result.resultType === 'error') throw new Error(`simulation of ${ask.action} on ${ask.resource} failed: ${JSON.stringify(result.errors)}`);
  return result.overallResult as Decision;
}

/** The documents of one role's policies. */
export const documentsOf = (policies: readonly IamPolicy[], principal: string): PolicyDocument[] =>
  policies.filter((p) => p.principal === principal).map((p) => p.document);

/** Decides a request for a domain's role (template `roleOf`) over a set of built policies. */
export const decideFor = (policies: readonly IamPolicy[], domain: string, action: string, resource: string): Promise<Decision> =>
  decide({ policies: documentsOf(policies, roleOf(domain)), principal: roleOf(domain), action: `kafka-cluster:${action}`, resource });
