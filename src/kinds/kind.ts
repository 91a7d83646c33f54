import type { ChangeApplier, ChangeResult } from '../core/apply-plan.js';
import { isKind, type Change, type ChangeKind, type ChangeOfKind } from '../core/change.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { IamPorts } from '../iam/manage/read-iam-state.js';
import type { KafkaAdminPort } from '../kafka/kafka-admin-port.js';
import type { SchemaRegistryPort } from '../schema/schema-registry-port.js';
import type { ScramPorts } from '../scram/scram-planner.js';

/**
 * The outside systems a kind's applier works through, each opened on first use by the session.
 * `undefined`: this run has no such system configured, so changes of that kind stay pending.
 */
export interface Ports {
  kafkaAdmin(): Promise<KafkaAdminPort | undefined>;
  schemaRegistry(): Promise<SchemaRegistryPort | undefined>;
  scram(): Promise<ScramPorts | undefined>;
  iam(): Promise<{ ports: IamPorts; clusterArn: string } | undefined>;
  /** Reads a text file (a schema, a spec); undefined when it does not exist. */
  readText(file: string): Promise<string | undefined>;
}

/** A planned change the outside system would refuse as it stands now, found before anything was applied. */
export interface PreflightProblem<C extends Change = Change> {
  change: C;
  diagnostic: Diagnostic;
}

/** Applies changes of one kind: exactly one result per change, in the order given. */
export interface KindApplier<K extends ChangeKind> {
  apply(changes: readonly ChangeOfKind<K>[]): Promise<ChangeResult[]>;
}

/**
 * Everything specmesh knows about one kind of resource, in one module: how a change of it reads
 * in a plan, where it goes in the apply order, and how it is applied. Its key, desired state,
 * live read and diff live beside its state type (src/kafka, src/acl, src/iam, src/schema,
 * src/scram), and the emitter that plans it names it in src/emitters/registry.ts.
 */
export interface ResourceKind<K extends ChangeKind> {
  readonly kind: K;
  /** Creates and updates run in ascending `create` rank, then deletes in ascending `delete` rank. */
  readonly order: { readonly create: number; readonly delete: number };
  /** The resource a change is about, in one line. */
  subject(change: ChangeOfKind<K>): string;
  /** What the change does to it, in one line (empty when the subject says it all). */
  detail(change: ChangeOfKind<K>): string;
  /** The applier, from the session's ports; undefined when this run cannot apply the kind. */
  applier(ports: Ports): Promise<KindApplier<K> | undefined>;
  /**
   * Optional: asks the outside system, before the apply changes anything anywhere, whether it will
   * take these changes as it stands now (it may have changed since the plan). A problem found
   * stops the whole apply, so no plan is applied in part over a refusal that could be seen first.
   */
  preflight?(changes: readonly ChangeOfKind<K>[], ports: Ports): Promise<PreflightProblem<ChangeOfKind<K>>[]>;
}

/** A kind's applier as the plan applier takes it: it receives only changes of its kind. */
export function asChangeApplier<K extends ChangeKind>(kind: K, applier: KindApplier<K>): ChangeApplier {
  return { kinds: [kind], apply: (changes) => applier.apply(changes.filter((c): c is ChangeOfKind<K> => isKind(c, kind))) };
}

/** The reason shown by default: it says what differs, unless the change is a create. */
export const reasonDetail = (c: { action: string; reason?: string }): string => c.reason ?? '';
