import { combineAppliers, resultOf, type ChangeApplier, type ChangeResult } from '../core/apply-plan.js';
import { isKind } from '../core/change.js';
import { applyKmsKeyChange } from './apply-kms-key.js';
import { applySecretChanges } from './apply-secret-changes.js';
import { applySecretRetirements } from './apply-secret-retirements.js';
import { KMS_KEY_KIND, SCRAM_SECRET_KIND, type KmsKeyChange, type ScramSecretChange } from './scram-change.js';
import type { ScramPorts } from './scram-planner.js';

/**
 * Applies `scram-secret` changes: secrets created or updated, then associated, then retirements.
 * Exactly one result per change, in the order given; a re-run after a failure converges because
 * every step checks what exists first.
 */
export function scramSecretApplier(ports: ScramPorts): { apply(changes: readonly ScramSecretChange[]): Promise<ChangeResult[]> } {
  return {
    async apply(changes) {
      const results = new Map<ScramSecretChange, ChangeResult>();
      const live = changes.filter((c) => c.action !== 'delete' && c.action !== 'no-op');
      const retired = changes.filter((c) => c.action === 'delete');
      for (const [i, r] of (await applySecretChanges(ports, live)).entries()) results.set(live[i]!, r);
      for (const [i, r] of (await applySecretRetirements(ports, retired)).entries()) results.set(retired[i]!, r);
      return changes.map((c) => results.get(c) ?? resultOf(c, 'skipped'));
    },
  };
}

/** Applies `kms-key` changes (--create-kms-key): the key and its alias, before any secret uses it. */
export function kmsKeyApplier(ports: ScramPorts): { apply(changes: readonly KmsKeyChange[]): Promise<ChangeResult[]> } {
  return {
    async apply(changes) {
      const results: ChangeResult[] = [];
      for (const c of changes) results.push(await applyKmsKeyChange(ports.kms, c));
      return results;
    },
  };
}

/** Both SCRAM kinds as one applier, for library callers that pass appliers to provisionSpecs. */
export function scramApplier(ports: ScramPorts): ChangeApplier {
  const secrets = scramSecretApplier(ports);
  const keys = kmsKeyApplier(ports);
  return combineAppliers([
    { kinds: [SCRAM_SECRET_KIND], apply: (changes) => secrets.apply(changes.filter((c) => isKind(c, SCRAM_SECRET_KIND))) },
    { kinds: [KMS_KEY_KIND], apply: (changes) => keys.apply(changes.filter((c) => isKind(c, KMS_KEY_KIND))) },
  ]);
}
