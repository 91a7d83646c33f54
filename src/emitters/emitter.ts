import type { PrincipalResolver } from '../acl/principals.js';
import type { Change, ChangeKind } from '../core/change.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { Planner } from '../core/planner.js';
import type { IamOptions } from '../iam/iam-options.js';
import type { Ports } from '../kinds/kind.js';
import type { KafkaVariant } from '../spec/kafka-variant.js';
import type { Domain } from '../spec/model.js';
import type { DesiredState } from '../state/desired-state.js';
import type { LiveState } from '../state/live-state.js';

/** What every pure planner gets: the specs, what was read of the cluster, and the run's settings. */
export interface PlanContext {
  domains: readonly Domain[];
  /** Ids of the domains being planned: deletes happen only inside them. */
  planned: ReadonlySet<string>;
  /** Every domain known: the planned ones and those seen on the cluster (for nesting). */
  estate: readonly string[];
  desired: DesiredState;
  live: LiveState;
  principalOf: PrincipalResolver;
  /** The run's emitters, by name (some checks name them in their messages). */
  emitters: readonly string[];
  cleanUnspecified: boolean;
  /** Domain → principal, as given (`--principal-map`). */
  principals?: Record<string, string>;
  kafkaVariant?: KafkaVariant;
  iam?: IamOptions;
}

/** Plans some kinds from the state the plan read. Pure: everything comes from the context. */
export interface KindPlanner {
  readonly name: string;
  plan(context: PlanContext): { changes: Change[]; diagnostics: Diagnostic[] };
}

/** The settings of the emitters that read systems of their own (Secrets Manager, a schema registry). */
export interface EmitterSettings {
  /** Domain → principal (`--principal-map`). */
  principals?: Record<string, string>;
  scram?: {
    clusterArn?: string;
    kmsKeyId?: string;
    createKmsKey?: boolean;
    rotateSecrets?: boolean;
    deleteSecrets?: boolean;
    awsRegion?: string;
  };
  schema?: { inlineSchemas?: boolean; cwd?: string };
}

/**
 * An emitter: a named bundle of resource kinds with the planners that produce their changes.
 * Pure planners run on what the plan read of the cluster (each runs once, whichever emitters
 * share it); `openPlanner` gives a planner that reads its own system through the session's ports.
 */
export interface EmitterDefinition {
  readonly summary: string;
  readonly kinds: readonly ChangeKind[];
  readonly planners: readonly KindPlanner[];
  openPlanner?(ports: Ports, settings: EmitterSettings): Promise<Planner<Domain> | undefined>;
}
