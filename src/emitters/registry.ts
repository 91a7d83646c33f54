import type { ChangeKind } from '../core/change.js';
import { error } from '../core/diagnostic.js';
import { InvalidInputError } from '../core/errors.js';
import { didYouMean, nearestNames } from '../core/nearest-names.js';
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

/**
 * Refuses emitters that are not in the registry (`nope`, `ACL`, `iam `), and an empty or missing
 * list, naming each and the known ones: unchecked, a plan would silently hold topics and no access.
 */
export function requireKnownEmitters(emitters: readonly string[] | undefined): void {
  const known = Object.keys(EMITTER_DEFINITIONS);
  const list = known.join(', ');
  if (!emitters?.length) {
    throw new InvalidInputError([error('emitter-missing', 'No emitter given (emitters: [])', undefined, `Name at least one: ${EMITTERS.join(', ')}.`)], `No emitter given (emitters: []); the emitters are ${list}`);
  }
  const unknown = [...new Set(emitters.filter((e) => !isEmitterName(e)))];
  if (unknown.length === 0) return;
  const diagnostics = unknown.map((e) => {
    const trimmed = String(e).trim();
    const near = isEmitterName(trimmed) ? [trimmed] : nearestNames(String(e), known, 1);
    return error('emitter-unknown', `Unknown emitter ${JSON.stringify(e)}${didYouMean(near)}`, undefined, `Use one of: ${list}.`);
  });
  throw new InvalidInputError(diagnostics, `${diagnostics.map((d) => d.summary).join('; ')}; the emitters are ${list}`);
}

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
