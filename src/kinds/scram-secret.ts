import type { ScramSecretState } from '../scram/scram-change.js';
import type { ResourceKind } from './kind.js';

declare module '../core/change.js' {
  interface KindStates {
    /** Key: the secret name. Desired: src/scram/desired-secrets.ts; diff: src/scram/diff-scram-secret.ts; live: Secrets Manager and MSK. */
    'scram-secret': ScramSecretState;
  }
}

/** A SCRAM user exists before the ACLs that name it matter, and outlives them. */
export const scramSecretKind: ResourceKind<'scram-secret'> = {
  kind: 'scram-secret',
  order: { create: 3, delete: 3 },
  subject: (c) => c.id,
  detail: (c) => c.reason ?? '',
  applier: async (ports) => {
    const scram = await ports.scram();
    if (!scram) return undefined;
    const { scramSecretApplier } = await import('../scram/scram-applier.js');
    return scramSecretApplier(scram);
  },
};
