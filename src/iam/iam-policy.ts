import type { PolicyDocument } from './policy-document.js';

/** One customer managed policy for a domain's role: part `part` of `parts` (1-based). */
export interface IamPolicy {
  domain: string;
  /** The role ARN the policy is attached to. */
  principal: string;
  /** `specmesh-<domain>`, or `specmesh-<domain>-<part>` when the domain needs several. */
  policyName: string;
  part: number;
  parts: number;
  document: PolicyDocument;
}

/** The MSK cluster (resource) policy, as for `PutClusterPolicy`, for principals in other accounts. */
export interface MskClusterPolicy {
  document: PolicyDocument;
}
