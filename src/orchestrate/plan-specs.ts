import { warningFromDiagnostic, type Plan } from '../core/change.js';
import { hasErrors, type Diagnostic } from '../core/diagnostic.js';
import type { Planner } from '../core/planner.js';
import type { EmitterSettings } from '../emitters/emitter.js';
import { EMITTER_DEFINITIONS, needsAcls, requireKnownEmitters, type EmitterName } from '../emitters/registry.js';
import type { IamStateRead } from '../iam/manage/read-iam-state.js';
import { buildPlan, withChanges, type PlanOptions } from '../plan/build-plan.js';
import { loadSpecs, type LoadOptions, type LoadResult } from '../spec/load/load-specs.js';
import type { Domain } from '../spec/model.js';
import { estateDomains } from '../state/estate.js';
import { emptyLiveState, type LiveState } from '../state/live-state.js';
import { readLiveState } from './read-live-state.js';
import type { Session } from './session.js';

export interface PlanSpecsOptions extends LoadOptions, Omit<PlanOptions, 'live' | 'liveSource' | 'planners'> {
  /** The run's connections; without one (or without a cluster in it) the plan diffs against an empty cluster. */
  session?: Session;
  /** A live-state snapshot to diff against instead of a cluster. */
  state?: string;
  /** Settings of the scram emitter (the cluster ARN comes from the session's). */
  scram?: EmitterSettings['scram'];
  /** Register inline payload and key schemas too (by default only `$ref`'d files are). */
  inlineSchemas?: boolean;
  /** Reads the live state some other way than through the session's Kafka admin. */
  readLive?: (domains: readonly string[]) => Promise<LiveState>;
  /** Further planners, each diffing against its own system, besides the emitters'. */
  planners?: readonly Planner<Domain>[];
  /** Reads the IAM policies and MSK cluster policy some other way than through the session. */
  readIam?: (domains: readonly Domain[], live: LiveState) => Promise<IamStateRead>;
}

export interface PlanSpecsResult {
  /** Absent when the specs are invalid: then nothing may be applied. */
  plan?: Plan;
  diagnostics: Diagnostic[];
  load: LoadResult;
}

/**
 * Load specs → read what exists → diff. The one entry point the CLI and build scripts share.
 * An unknown emitter, or none, is refused (InvalidInputError) before anything is read.
 */
export async function planSpecs(inputs: readonly string[], options: PlanSpecsOptions): Promise<PlanSpecsResult> {
  requireKnownEmitters(options.emitters);
  const load = await loadSpecs(inputs, options);
  if (!load.ok) return { diagnostics: load.diagnostics, load };
  const session = options.session;
  const { live: read, liveSource } = await readLive(load.domains.map((d) => d.id), options);
  let live = read;
  const iamDiagnostics: Diagnostic[] = [];
  const iam = options.state ? undefined : await readIam(load.domains, live, options);
  if (iam) {
    live = { ...live, ...iam.live };
    iamDiagnostics.push(...iam.diagnostics);
  }
  const { planners: _async, ...planOptions } = options;
  const built = buildPlan(load, { ...planOptions, live, liveSource });
  const planners = [...await emitterPlanners(options, session), ...(options.planners ?? [])];
  // With a registry the schema planner asks it for other domains' types, so the offline warning that it must hold them goes.
  const specDiagnostics = planners.some((p) => p.name === 'schema') ? load.diagnostics.filter((d) => d.code !== 'schema-reference-external') : load.diagnostics;
  // The specs' own warnings (a consumed topic no one grants, legacy names…) belong in the plan a reviewer reads.
  const specWarnings = specDiagnostics.filter((d) => d.severity === 'warning').map(warningFromDiagnostic);
  let plan: Plan = { ...built.plan, warnings: [...specWarnings, ...iamDiagnostics.filter((d) => d.severity === 'warning').map(warningFromDiagnostic), ...built.plan.warnings] };
  const diagnostics = [...iamDiagnostics, ...built.diagnostics];
  for (const planner of planners) {
    const extra = await planner.plan({ domains: load.domains, cleanUnspecified: options.cleanUnspecified ?? false });
    plan = withChanges(plan, extra.changes, extra.diagnostics, options.kinds);
    diagnostics.push(...extra.diagnostics);
  }
  const all = [...specDiagnostics, ...diagnostics];
  return hasErrors(diagnostics) ? { diagnostics: all, load } : { plan, diagnostics: all, load };
}

async function readLive(domains: readonly string[], options: PlanSpecsOptions): Promise<{ live: LiveState; liveSource: Plan['liveSource'] }> {
  if (options.state) {
    const { readStateFile } = await import('../adapters/files/read-state-file.js');
    return { live: await readStateFile(options.state), liveSource: 'state-file' };
  }
  if (options.readLive) return { live: await options.readLive(domains), liveSource: 'live' };
  const admin = options.session?.hasKafka() ? await options.session.kafkaAdmin() : undefined;
  if (!admin) return { live: emptyLiveState(), liveSource: 'empty' };
  const live = await readLiveState(admin, domains, { allTopics: options.kafkaVariant === 'msk-serverless', acls: needsAcls(options.emitters) });
  return { live, liveSource: 'live' };
}

async function readIam(domains: readonly Domain[], live: LiveState, options: PlanSpecsOptions): Promise<IamStateRead | undefined> {
  if (options.readIam) return options.readIam(domains, live);
  if (!options.iam || !options.emitters.includes('iam') || !options.session?.managesIam) return undefined;
  const iam = await options.session.iam();
  if (!iam) return undefined;
  const { readIamState } = await import('../iam/manage/read-iam-state.js');
  return readIamState(iam.ports, domains, options.iam, estateDomains(new Set(domains.map((d) => d.id)), live));
}

/** The planners of emitters that read systems of their own: schemas first, then the access emitters in registry order. */
async function emitterPlanners(options: PlanSpecsOptions, session: Session | undefined): Promise<Planner<Domain>[]> {
  if (!session) return [];
  const chosen = new Set<string>(options.emitters);
  const names = (Object.keys(EMITTER_DEFINITIONS) as EmitterName[]).filter((e) => e === 'schema' || chosen.has(e)).sort((a, b) => Number(b === 'schema') - Number(a === 'schema'));
  const settings: EmitterSettings = {
    ...(options.principals ? { principals: options.principals } : {}),
    ...(options.scram ? { scram: options.scram } : {}),
    schema: { inlineSchemas: options.inlineSchemas ?? false, ...(options.cwd ? { cwd: options.cwd } : {}) },
  };
  const planners: Planner<Domain>[] = [];
  for (const name of names) {
    const definition: { openPlanner?: (typeof EMITTER_DEFINITIONS)['scram']['openPlanner'] } = EMITTER_DEFINITIONS[name];
    const planner = await definition.openPlanner?.(session, settings);
    if (planner) planners.push(planner);
  }
  return planners;
}
