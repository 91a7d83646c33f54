import type { ChangeKind } from '../core/change.js';
import { aclEmitter } from './acl.js';
import type { EmitterDefinition, KindPlanner } from './emitter.js';
import { iamEmitter } from './iam.js';
import { schemaEmitter } from './schema.js';
import { scramEmitter } from './scram.js';
import { topicPlanner } from './topics.js';

/** Every emitter, one line each. */
export const EMITTER_DEFINITIONS = {
  acl: aclEmitter,
  iam: iamEmitter,
  scram: scramEmitter,
  schema: schemaEmitter,
} as const satisfies Record<string, EmitterDefinition>;

export type EmitterName = keyof typeof EMITTER_DEFINITIONS;

/** The access emitters `--emitter` chooses from; `schema` is on whenever a registry is configured. */
export type Emitter = Exclude<EmitterName, 'schema'>;
export const EMITTERS: readonly Emitter[] = ['acl', 'iam', 'scram'];

export const isEmitterName = (name: string): name is EmitterName => Object.hasOwn(EMITTER_DEFINITIONS, name);

/** The kinds the emitters plan, together. */
export const kindsOf = (emitters: readonly EmitterName[]): Set<ChangeKind> =>
  new Set(emitters.flatMap((e) => EMITTER_DEFINITIONS[e].kinds));

/** Whether the emitters govern Kafka ACLs (so the cluster's ACLs must be read). */
export const needsAcls = (emitters: readonly EmitterName[]): boolean => kindsOf(emitters).has('acl');

/**
 * The emitters' pure planners, each once, in registry order (so output does not depend on the order
 * of flags). Topics are planned whatever the emitters: they are what every emitter governs access to.
 */
export const plannersOf = (emitters: readonly EmitterName[]): KindPlanner[] => {
  const chosen = new Set(emitters);
  const names = Object.keys(EMITTER_DEFINITIONS).filter(isEmitterName).filter((e) => chosen.has(e));
  return [...new Set([topicPlanner, ...names.flatMap((e) => EMITTER_DEFINITIONS[e].planners)])];
};
