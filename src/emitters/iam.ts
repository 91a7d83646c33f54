import { warning } from '../core/diagnostic.js';
import { planIam } from '../iam/iam-plan.js';
import type { EmitterDefinition, KindPlanner } from './emitter.js';
import { topicPlanner } from './topics.js';

/** Each domain role's identity policies, and the MSK cluster policy for roles in other accounts. */
export const iamPlanner: KindPlanner = {
  name: 'iam',
  plan(context) {
    const planned = planIam(context.domains, context.live, context.iam, context.cleanUnspecified, context.estate);
    const diagnostics = [...planned.diagnostics];
    if (context.live.iamPolicies === undefined) {
      diagnostics.unshift(warning('iam-not-read', 'IAM policies are not read from AWS: every policy is planned as new, and none as deleted', undefined,
        'Pass --iam-manage to plan against IAM (and have provision apply the policies), or a snapshot with "iamPolicies" through --state; --out writes the documents for your IAM tooling.'));
    }
    return { changes: planned.changes, diagnostics };
  },
};

export const iamEmitter: EmitterDefinition = {
  summary: 'MSK IAM policies',
  kinds: ['topic', 'iam-policy', 'msk-cluster-policy'],
  planners: [topicPlanner, iamPlanner],
};
