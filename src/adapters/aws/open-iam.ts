import type { AwsOptions } from './aws-options.js';
import { parseClusterArn } from '../../iam/cluster-arn.js';
import type { IamOptions } from '../../iam/index.js';
import type { ChangeApplier } from '../../core/apply-plan.js';
import type { Domain } from '../../spec/model.js';
import type { LiveState } from '../../plan/live-state.js';
import { ClusterPolicyAdapter } from './cluster-policy-adapter.js';
import { IamAdapter } from './iam-adapter.js';
import { iamApplier } from '../../iam/manage/iam-applier.js';
import { readIamState, type IamPorts, type IamStateRead } from '../../iam/manage/read-iam-state.js';

export interface ManagedIam {
  /** Reads what IAM and the cluster hold of the planned policies (for planSpecs' `readIam`). */
  read(domains: readonly Domain[], live?: LiveState): Promise<IamStateRead>;
  applier: ChangeApplier;
  ports: IamPorts;
  close(): void;
}

/**
 * The `iam` emitter managing policies in AWS (--iam-manage): customer managed policies in IAM,
 * attached to the domains' roles, and the MSK cluster policy. The cluster policy is called in the
 * cluster's region.
 */
export function openIam(options: { iam: IamOptions; aws?: AwsOptions }): ManagedIam {
  const cluster = parseClusterArn(options.iam.clusterArn);
  const clusterRegion = 'problem' in cluster ? options.aws?.region : cluster.region;
  const iam = new IamAdapter({ ...options.aws, ...(options.aws?.region ?? clusterRegion ? { region: options.aws?.region ?? clusterRegion } : {}) });
  // The cluster policy lives with the cluster: always its region, whatever --aws-region says for the brokers.
  const clusterPolicy = new ClusterPolicyAdapter({ ...options.aws, ...(clusterRegion ? { region: clusterRegion } : {}) });
  const ports: IamPorts = { iam, clusterPolicy };
  return {
    read: (domains, live) => readIamState(ports, domains, options.iam, live),
    applier: iamApplier(ports, options.iam.clusterArn),
    ports,
    close: () => {
      iam.destroy();
      clusterPolicy.destroy();
    },
  };
}
