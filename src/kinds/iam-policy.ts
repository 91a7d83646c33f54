import type { LiveIamPolicy } from '../iam/iam-policy-state.js';
import type { ResourceKind } from './kind.js';

declare module '../core/change.js' {
  interface KindStates {
    /** Key: `<role ARN>#<policy name>`. Desired and diff: src/iam/iam-plan.ts; live: IAM through src/iam/manage. */
    'iam-policy': LiveIamPolicy;
  }
}

const statistics = (document: unknown): string => {
  const statements = (document as { Statement?: unknown } | null)?.Statement;
  return `${Array.isArray(statements) ? statements.length : 0} statements, ${JSON.stringify(document).length} characters`;
};

export const iamPolicyKind: ResourceKind<'iam-policy'> = {
  kind: 'iam-policy',
  order: { create: 5, delete: 1 },
  subject: (c) => {
    const p = c.action === 'delete' ? c.before : c.after;
    return `${p.policyName} for ${p.principal}`;
  },
  detail: (c) => (c.reason && c.action !== 'create' ? c.reason : statistics((c.action === 'delete' ? c.before : c.after).document)),
  applier: async (ports) => {
    const iam = await ports.iam();
    if (!iam) return undefined;
    const { iamPolicyApplier } = await import('../iam/manage/iam-applier.js');
    return iamPolicyApplier(iam.ports, iam.clusterArn);
  },
};
