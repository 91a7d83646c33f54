/**
 * Where a spec sets the compatibility level of its subjects (SpecMesh has no such setting; the
 * `x-` prefix keeps AsyncAPI validators content): the Kafka message binding, else the Kafka channel
 * binding, else the document's top level; absent everywhere means BACKWARD.
 */
export const COMPATIBILITY_KEY = 'x-specmesh-compatibility';

export const COMPATIBILITY_LEVELS = [
  'BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE', 'NONE',
] as const;

export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

/** Confluent's (and SpecMesh's) default. */
export const DEFAULT_COMPATIBILITY: CompatibilityLevel = 'BACKWARD';

export function parseCompatibilityLevel(value: unknown): CompatibilityLevel | undefined {
  if (typeof value !== 'string') return undefined;
  const upper = value.trim().toUpperCase();
  return (COMPATIBILITY_LEVELS as readonly string[]).includes(upper) ? (upper as CompatibilityLevel) : undefined;
}

/** Which directions a level checks, and against which versions. */
export function compatibilityChecks(level: CompatibilityLevel): { backward: boolean; forward: boolean; transitive: boolean } {
  return {
    backward: level.startsWith('BACKWARD') || level.startsWith('FULL'),
    forward: level.startsWith('FORWARD') || level.startsWith('FULL'),
    transitive: level.endsWith('_TRANSITIVE'),
  };
}
