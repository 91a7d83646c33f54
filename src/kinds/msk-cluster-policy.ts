import type { ClusterPolicyState } from '../iam/iam-policy-state.js';
import type { ResourceKind } from './kind.js';

declare module '../core/change.js' {
  interface KindStates {
    /** Key: the cluster ARN. Desired and diff: src/iam/iam-plan.ts (others' statements kept); live: kafka:GetClusterPolicy. */
    'msk-cluster-policy': ClusterPolicyState;
  }
}

export const mskClusterPolicyKind: ResourceKind<'msk-cluster-policy'> = {
  kind: 'msk-cluster-policy',
  order: { create: 6, delete: 2 },
  subject: (c) => c.id,
  detail: (c) => c.reason ?? '',
  applier: async (ports) => {
    const iam = await ports.iam();
    if (!iam) return undefined;
    const { clusterPolicyApplier } = await import('../iam/manage/iam-applier.js');
    return clusterPolicyApplier(iam.ports);
  },
};
