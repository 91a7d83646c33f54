import type { KafkaAdminPort } from '../kafka/kafka-admin-port.js';
import { aclApplier, topicApplier } from '../kafka/kafka-applier.js';
import { readLiveState } from '../kafka/read-live-state.js';
import { awaitVisible, type Visibility } from '../kafka/await-visible.js';
import { applyPlan, type ApplyReport, type ChangeApplier } from '../core/apply-plan.js';
import { planSpecs, type PlanSpecsOptions, type PlanSpecsResult } from './plan-specs.js';
import { needsAcls } from '../plan/build-plan.js';

export interface ProvisionOptions extends Omit<PlanSpecsOptions, 'readLive' | 'state'> {
  /** Connects to the cluster; called only once the specs are known to be valid. */
  connect: () => Promise<KafkaAdminPort>;
  /** Plan only: report what would change and change nothing. */
  dryRun?: boolean;
  /** Appliers for further kinds (schemas, SCRAM secrets…). */
  appliers?: readonly ChangeApplier[];
  /** Wait (bounded) until brokers serve the new topics and ACLs before returning. Default true. */
  waitForVisibility?: boolean;
  /** How long to wait for that; default 2 minutes. */
  visibilityTimeoutMs?: number;
  /** Called with the plan before anything is applied (e.g. to print it). */
  onPlan?: (result: PlanSpecsResult) => void;
}

export interface ProvisionResult extends PlanSpecsResult {
  /** Absent when nothing was applied (invalid specs, plan errors, or --dry-run). */
  report?: ApplyReport;
  /** False when the brokers did not yet serve everything created when provision returned. */
  visible?: boolean;
  /** What the brokers served of what was created, when provision waited for it. */
  visibility?: Visibility;
}

/** Plan against the live cluster, then apply. Invalid specs or plan errors change nothing. */
export async function provisionSpecs(inputs: readonly string[], options: ProvisionOptions): Promise<ProvisionResult> {
  let admin: KafkaAdminPort | undefined;
  const planned = await planSpecs(inputs, {
    ...options,
    readLive: async (domains) => {
      admin = await options.connect();
      return readLiveState(admin, domains, { allTopics: options.kafkaVariant === 'msk-serverless', acls: needsAcls(options.emitters) });
    },
  });
  options.onPlan?.(planned);
  if (!planned.plan || options.dryRun || !admin) return planned;
  const report = await applyPlan(planned.plan, [topicApplier(admin), aclApplier(admin), ...(options.appliers ?? [])]);
  if (options.waitForVisibility === false) return { ...planned, report };
  const visibility = await awaitVisible(admin, report, options.visibilityTimeoutMs).catch(() => undefined);
  return { ...planned, report, visible: visibility?.visible ?? false, ...(visibility ? { visibility } : {}) };
}
