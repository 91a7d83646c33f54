import { hasErrors, type Diagnostic } from '../core/diagnostic.js';
import type { Domain } from '../spec/model.js';
import { loadSpecs, type LoadOptions, type LoadResult } from '../spec/load/load-specs.js';
import { buildPlan, withChanges, type PlanOptions } from '../plan/build-plan.js';
import type { Planner } from '../core/planner.js';
import { warningFromDiagnostic, type Plan } from '../core/change.js';
import { emptyLiveState, type LiveState } from '../plan/live-state.js';
import { readStateFile } from '../adapters/files/read-state-file.js';

export interface PlanSpecsOptions extends LoadOptions, Omit<PlanOptions, 'live' | 'liveSource'> {
  /** A live-state snapshot to diff against instead of a cluster. */
  state?: string;
  /** Reads the live state from a cluster; given by the caller when a connection is configured. */
  readLive?: (domains: readonly string[]) => Promise<LiveState>;
  /** Further planners (schemas, SCRAM secrets…), each diffing against its own system. */
  planners?: readonly Planner[];
  /** Reads the IAM policies and MSK cluster policy that exist (the iam emitter managing them in AWS). */
  readIam?: (domains: readonly Domain[], live: LiveState) => Promise<{ live: Pick<LiveState, 'iamPolicies' | 'mskClusterPolicy'>; diagnostics: Diagnostic[] }>;
}

export interface PlanSpecsResult {
  /** Absent when the specs are invalid: then nothing may be applied. */
  plan?: Plan;
  diagnostics: Diagnostic[];
  load: LoadResult;
}

/** Load specs → read what exists → diff. The one entry point the CLI and build scripts share. */
export async function planSpecs(inputs: readonly string[], options: PlanSpecsOptions): Promise<PlanSpecsResult> {
  const load = await loadSpecs(inputs, options);
  if (!load.ok) return { diagnostics: load.diagnostics, load };
  let live: LiveState;
  let liveSource: Plan['liveSource'];
  if (options.state) {
    live = await readStateFile(options.state);
    liveSource = 'state-file';
  } else if (options.readLive) {
    live = await options.readLive(load.domains.map((d) => d.id));
    liveSource = 'live';
  } else {
    live = emptyLiveState();
    liveSource = 'empty';
  }
  const iamDiagnostics: Diagnostic[] = [];
  if (options.readIam && !options.state) {
    const iam = await options.readIam(load.domains, live);
    live = { ...live, ...iam.live };
    iamDiagnostics.push(...iam.diagnostics);
  }
  const built = buildPlan(load, { ...options, live, liveSource });
  // The specs' own warnings (a consumed topic no one grants, legacy names…) belong in the plan a reviewer reads.
  const specWarnings = load.diagnostics.filter((d) => d.severity === 'warning').map(warningFromDiagnostic);
  let plan: Plan = { ...built.plan, warnings: [...specWarnings, ...iamDiagnostics.filter((d) => d.severity === 'warning').map(warningFromDiagnostic), ...built.plan.warnings] };
  const diagnostics = [...iamDiagnostics, ...built.diagnostics];
  for (const planner of options.planners ?? []) {
    const extra = await planner.plan({ domains: load.domains, cleanUnspecified: options.cleanUnspecified ?? false });
    plan = withChanges(plan, extra.changes, extra.diagnostics);
    diagnostics.push(...extra.diagnostics);
  }
  const all = [...load.diagnostics, ...diagnostics];
  return hasErrors(diagnostics) ? { diagnostics: all, load } : { plan, diagnostics: all, load };
}
