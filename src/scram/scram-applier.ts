import { resultOf, type ChangeApplier, type ChangeResult } from '../core/apply-plan.js';
import type { Change } from '../core/change.js';
import { applyKmsKeyChange } from './apply-kms-key.js';
import { applySecretChanges } from './apply-secret-changes.js';
import { applySecretRetirements } from './apply-secret-retirements.js';
import { KMS_KEY_KIND, SCRAM_SECRET_KIND, type ScramSecretChange } from './scram-change.js';
import type { ScramPorts } from './scram-planner.js';

/**
 * Applies `kms-key` and `scram-secret` changes: keys first, then secrets (created or updated, then
 * associated), then retirements. Exactly one result per change, in the order given; a re-run
 * after a failure converges because every step checks what exists first.
 */
export function scramApplier(ports: ScramPorts): ChangeApplier {
  return {
    kinds: [SCRAM_SECRET_KIND, KMS_KEY_KIND],
    async apply(changes: readonly Change[]): Promise<ChangeResult[]> {
      const results = new Map<Change, ChangeResult>();
      for (const c of changes.filter((x) => x.kind === KMS_KEY_KIND)) results.set(c, await applyKmsKeyChange(ports.kms, c));
      const secrets = changes.filter((x): x is ScramSecretChange => x.kind === SCRAM_SECRET_KIND && x.action !== 'no-op');
      const live = secrets.filter((c) => c.action !== 'delete');
      const retired = secrets.filter((c) => c.action === 'delete');
      (await applySecretChanges(ports, live)).forEach((r, i) => results.set(live[i]!, r));
      (await applySecretRetirements(ports, retired)).forEach((r, i) => results.set(retired[i]!, r));
      return changes.map((c) => results.get(c) ?? resultOf(c, c.action === 'no-op' ? 'skipped' : 'failed', c.action === 'no-op' ? undefined : `the scram applier does not handle ${c.kind} ${c.action}: this is a bug`));
    },
  };
}
