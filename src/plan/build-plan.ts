import { summarizeAccess } from '../access/summarize-access.js';
import { principalResolver } from '../acl/principals.js';
import { summarize, warningFromDiagnostic, type Change, type Plan } from '../core/change.js';
import { warning, type Diagnostic } from '../core/diagnostic.js';
import type { KindPlanner, PlanContext } from '../emitters/emitter.js';
import { plannersOf, type Emitter, type EmitterName } from '../emitters/registry.js';
import type { IamOptions } from '../iam/iam-options.js';
import { BUILTIN_KINDS, orderChanges, type KindRegistry } from '../kinds/registry.js';
import type { KafkaVariant } from '../spec/kafka-variant.js';
import type { Domain } from '../spec/model.js';
import { markAdoptions } from './mark-adoptions.js';
import { buildDesiredState } from '../state/desired-state.js';
import { estateDomains } from '../state/estate.js';
import type { LiveState } from '../state/live-state.js';

export { EMITTERS, needsAcls, type Emitter } from '../emitters/registry.js';

export interface PlanInput {
  domains: readonly Domain[];
  files: readonly { file: string; domain?: string }[];
}

export interface PlanOptions {
  emitters: readonly (Emitter | EmitterName)[];
  live: LiveState;
  liveSource: Plan['liveSource'];
  cleanUnspecified?: boolean;
  /** Domain → principal (`User:` is added when missing); default `User:<domain>`. */
  principals?: Record<string, string>;
  iam?: IamOptions;
  /** The kind of cluster, for the rules only it has (MSK Serverless). */
  kafkaVariant?: KafkaVariant;
  /** The resource kinds (a test may add one); default the built-in ones. */
  kinds?: KindRegistry;
  /** Planners of kinds no emitter plans (a kind under test), run after the emitters'. */
  planners?: readonly KindPlanner[];
}

/**
 * Diffs what the specs want against what exists. Pure: everything comes in as arguments. Each
 * chosen emitter's planners run once on one shared context; the plan is put in apply order.
 */
export function buildPlan(input: PlanInput, options: PlanOptions): { plan: Plan; diagnostics: Diagnostic[] } {
  const planned = new Set(input.domains.map((d) => d.id));
  const principalOf = principalResolver(options.principals);
  const estate = estateDomains(planned, options.live);
  const context: PlanContext = {
    domains: input.domains,
    planned,
    estate,
    desired: buildDesiredState(input.domains, estate, principalOf),
    live: options.live,
    principalOf,
    emitters: options.emitters,
    cleanUnspecified: options.cleanUnspecified ?? false,
    ...(options.principals ? { principals: options.principals } : {}),
    ...(options.kafkaVariant ? { kafkaVariant: options.kafkaVariant } : {}),
    ...(options.iam ? { iam: options.iam } : {}),
  };
  const changes: Change[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const planner of [...plannersOf(options.emitters), ...(options.planners ?? [])]) {
    const out = planner.plan(context);
    changes.push(...out.changes);
    diagnostics.push(...out.diagnostics);
  }
  if (options.liveSource === 'empty') {
    diagnostics.push(warning('no-cluster', 'No cluster connection: this plan compares the specs with an empty cluster', undefined,
      'Pass --bootstrap-server (or --state <file>) to diff against what exists.'));
  }
  const ordered = orderChanges(markAdoptions(changes, options.live, principalOf), options.kinds ?? BUILTIN_KINDS);
  const specs = input.files.flatMap((f) => (f.domain ? [{ file: f.file, domain: f.domain }] : []));
  const plan: Plan = {
    formatVersion: 1,
    specs,
    liveSource: options.liveSource,
    changes: ordered,
    warnings: diagnostics.filter((d) => d.severity === 'warning').map(warningFromDiagnostic),
    summary: summarize(ordered),
    access: summarizeAccess(ordered, specs.map((s) => s.domain)),
  };
  return { plan, diagnostics };
}

/** Adds changes from further planners, keeping the apply order and the summary right. */
export function withChanges(plan: Plan, extra: readonly Change[], diagnostics: readonly Diagnostic[] = [], kinds: KindRegistry = BUILTIN_KINDS): Plan {
  const changes = orderChanges([...plan.changes, ...extra], kinds);
  return {
    ...plan,
    changes,
    warnings: [...plan.warnings, ...diagnostics.filter((d) => d.severity === 'warning').map(warningFromDiagnostic)],
    summary: summarize(changes),
    access: extra.length || !plan.access ? summarizeAccess(changes, plan.specs.map((s) => s.domain)) : plan.access,
  };
}
