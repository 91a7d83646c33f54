import type avro from 'avsc';
import { compatibilityChecks, type CompatibilityLevel } from '../spec/compatibility-level.js';

/**
 * Avro schema resolution decides compatibility: BACKWARD means the new schema can read what the
 * old one wrote, FORWARD the reverse. `previous` is newest first; non-transitive levels check the
 * newest only. Returns why not, or undefined when compatible.
 */
export function avroCompatibilityProblem(level: CompatibilityLevel, next: avro.Type, previous: readonly { version: number; type: avro.Type }[]): string | undefined {
  const { backward, forward, transitive } = compatibilityChecks(level);
  for (const old of transitive ? previous : previous.slice(0, 1)) {
    if (backward) {
      try {
        next.createResolver(old.type);
      } catch (e) {
        return `the new schema cannot read data written with version ${old.version}: ${message(e)}`;
      }
    }
    if (forward) {
      try {
        old.type.createResolver(next);
      } catch (e) {
        return `version ${old.version} cannot read data written with the new schema: ${message(e)}`;
      }
    }
  }
  return undefined;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
