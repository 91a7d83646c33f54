import type { KmsKeyState } from '../scram/scram-change.js';
import type { ResourceKind } from './kind.js';

declare module '../core/change.js' {
  interface KindStates {
    /** Key: the alias. Planned by src/scram/resolve-kms-key.ts with --create-kms-key; live: KMS. */
    'kms-key': KmsKeyState;
  }
}

/** The key that encrypts the SCRAM secrets exists before them. */
export const kmsKeyKind: ResourceKind<'kms-key'> = {
  kind: 'kms-key',
  order: { create: 2, delete: 4 },
  subject: (c) => c.id,
  detail: (c) => c.reason ?? '',
  applier: async (ports) => {
    const scram = await ports.scram();
    if (!scram) return undefined;
    const { kmsKeyApplier } = await import('../scram/scram-applier.js');
    return kmsKeyApplier(scram);
  },
};
