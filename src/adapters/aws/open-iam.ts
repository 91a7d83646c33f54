import { combineAppliers, type ChangeApplier } from '../../core/apply-plan.js';
import { isKind } from '../../core/change.js';
import { parseClusterArn } from '../../iam/cluster-arn.js';
import type { IamOptions } from '../../iam/iam-options.js';
import { clusterPolicyApplier, iamPolicyApplier } from '../../iam/manage/iam-applier.js';
import { readIamState, type IamPorts, type IamStateRead } from '../../iam/manage/read-iam-state.js';
import type { Domain } from '../../spec/model.js';
import { estateDomains } from '../../state/estate.js';
import type { LiveState } from '../../state/live-state.js';
import type { AwsOptions } from './aws-options.js';
import { ClusterPolicyAdapter } from './cluster-policy-adapter.js';
import { IamAdapter } from './iam-adapter.js';

export interface ManagedIam {
  /** Reads what IAM and the cluster hold of the planned policies (for planSpecs' `readIam`). */
  read(domains: readonly Domain[], live?: LiveState): Promise<IamStateRead>;
  applier: ChangeApplier;
  ports: IamPorts;
  close(): void;
}

/**
 * The AWS clients of the `iam` emitter managing policies (--iam-manage): IAM, and the MSK cluster
 * policy, which is always called in the cluster's region.
 */
export function openIamPorts(clusterArn: string, aws: AwsOptions = {}): IamPorts & { close(): void } {
  const cluster = parseClusterArn(clusterArn);
  const clusterRegion = 'problem' in cluster ? aws.region : cluster.region;
  const iamRegion = aws.region ?? clusterRegion;
  const iam = new IamAdapter({ ...aws, ...(iamRegion ? { region: iamRegion } : {}) });
  const clusterPolicy = new ClusterPolicyAdapter({ ...aws, ...(clusterRegion ? { region: clusterRegion } : {}) });
  return {
    iam, clusterPolicy,
    close: () => {
      iam.destroy();
      clusterPolicy.destroy();
    },
  };
}

/** Both IAM kinds as one applier, for library callers that pass appliers to provisionSpecs. */
export function iamApplier(ports: IamPorts, clusterArn: string): ChangeApplier {
  const policies = iamPolicyApplier(ports, clusterArn);
  const clusterPolicy = clusterPolicyApplier(ports);
  return combineAppliers([
    { kinds: ['iam-policy'], apply: (changes) => policies.apply(changes.filter((c) => isKind(c, 'iam-policy'))) },
    { kinds: ['msk-cluster-policy'], apply: (changes) => clusterPolicy.apply(changes.filter((c) => isKind(c, 'msk-cluster-policy'))) },
  ]);
}

/**
 * The `iam` emitter managing policies in AWS (--iam-manage): customer managed policies in IAM,
 * attached to the domains' roles, and the MSK cluster policy.
 */
export function openIam(options: { iam: IamOptions; aws?: AwsOptions }): ManagedIam {
  const { close, ...ports } = openIamPorts(options.iam.clusterArn, options.aws);
  return {
    read: (domains, live) => readIamState(ports, domains, options.iam, estateDomains(new Set(domains.map((d) => d.id)), live ?? {})),
    applier: iamApplier(ports, options.iam.clusterArn),
    ports,
    close,
  };
}
