import { applyPlan, stoppedReport, type ApplyReport, type ChangeApplier } from '../core/apply-plan.js';
import type { Change, Plan } from '../core/change.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { ProgressListener } from '../core/progress.js';
import type { KafkaAdminPort } from '../kafka/kafka-admin-port.js';
import { appliersFor, BUILTIN_KINDS, preflightProblems } from '../kinds/registry.js';
import { awaitVisible, type Visibility } from './await-visible.js';
import { planSpecs, type PlanSpecsOptions, type PlanSpecsResult } from './plan-specs.js';
import { Session } from './session.js';

export interface ApplyOptions {
  /** Appliers for kinds the session cannot apply (or to apply some kinds another way); they win over the session's. */
  appliers?: readonly ChangeApplier[];
  /** Wait (bounded) until brokers serve the new topics and ACLs before returning. Default true. */
  waitForVisibility?: boolean;
  /** How long to wait for that; default 2 minutes. */
  visibilityTimeoutMs?: number;
  /** Told how far the apply and the wait for visibility are. */
  onProgress?: ProgressListener;
}

export interface ProvisionOptions extends Omit<PlanSpecsOptions, 'readLive' | 'state'>, ApplyOptions {
  /** Plan only: report what would change and change nothing. */
  dryRun?: boolean;
  /** Connects to the cluster when no session is given; called only once the specs are known to be valid. */
  connect?: () => Promise<KafkaAdminPort>;
}

export interface ApplyResult {
  report: ApplyReport;
  /** False when the brokers did not yet serve everything created when the apply returned. */
  visible?: boolean;
  /** What the brokers served of what was created, when the apply waited for it. */
  visibility?: Visibility;
  /** What the checks before the apply found the outside systems would refuse; then nothing was applied. */
  refused?: Diagnostic[];
}

export interface ProvisionResult extends PlanSpecsResult, Partial<ApplyResult> {}

/**
 * Applies a plan through the session's ports (and any appliers given), then waits until the
 * brokers serve what was created. Every change gets one result. First each kind checks whether
 * its system will take its changes now (a schema registry may have a new version since the
 * plan); if any would be refused, nothing is applied.
 */
export async function applySpecPlan(plan: Plan, session: Session, options: ApplyOptions = {}): Promise<ApplyResult> {
  const problems = await preflightProblems(plan.changes, session, BUILTIN_KINDS);
  if (problems.length) {
    const refused = new Map<Change, string>(problems.map((p) => [p.change, p.diagnostic.summary]));
    return { report: stoppedReport(plan, refused), refused: problems.map((p) => p.diagnostic) };
  }
  const appliers = [...(options.appliers ?? []), ...await appliersFor(session, BUILTIN_KINDS)];
  const report = await applyPlan(plan, appliers, options.onProgress);
  const admin = await session.kafkaAdmin();
  if (options.waitForVisibility === false || !admin) return { report };
  const visibility = await awaitVisible(admin, report, options.visibilityTimeoutMs, options.onProgress).catch(() => undefined);
  return { report, visible: visibility?.visible ?? false, ...(visibility ? { visibility } : {}) };
}

/** Plan against the live cluster, then apply. Invalid specs or plan errors change nothing. */
export async function provisionSpecs(inputs: readonly string[], options: ProvisionOptions): Promise<ProvisionResult> {
  const own = options.session ? undefined : new Session(options.connect ? { ports: { kafkaAdmin: options.connect } } : {});
  const session = options.session ?? own!;
  try {
    const planned = await planSpecs(inputs, { ...options, session });
    if (!planned.plan || options.dryRun || !(await session.kafkaAdmin())) return planned;
    return { ...planned, ...await applySpecPlan(planned.plan, session, options) };
  } finally {
    await own?.close();
  }
}
