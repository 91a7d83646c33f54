import { SENSITIVE } from '../core/mask-secrets.js';
import { warning, type Diagnostic } from '../core/diagnostic.js';
import { SCRAM_SECRET_KIND, usernameOf, type RetiredScramSecret, type ScramSecretChange } from './scram-change.js';
import { MSK_SECRET_PREFIX } from './secret-name.js';
import type { SecretDescription } from './secrets-manager-port.js';
import { managedDomainOf, TAG_PRINCIPAL } from './secret-tags.js';

export interface RetireOptions {
  clusterArn: string;
  /** The planned domains: only their secrets are ever touched (exact match of the domain tag). */
  planned: ReadonlySet<string>;
  /** Names of the secrets the plan keeps or creates. */
  wanted: ReadonlySet<string>;
  associated: ReadonlySet<string>;
  cleanUnspecified: boolean;
  deleteSecrets: boolean;
}

/**
 * Secrets specmesh made for a planned domain (its tags say so, and the name has MSK's prefix) that
 * no longer belong to any of its principals. With --clean-unspecified they are disassociated from
 * the cluster, and with --delete-secrets also deleted; otherwise they are kept and listed.
 * Another domain's secret, or one specmesh did not make, is never a candidate.
 */
export function retireSecrets(listed: readonly SecretDescription[], o: RetireOptions): { changes: ScramSecretChange[]; diagnostics: Diagnostic[] } {
  const changes: ScramSecretChange[] = [];
  const kept: string[] = [];
  for (const s of [...listed].sort((a, b) => a.name.localeCompare(b.name))) {
    const domain = managedDomainOf(s.tags);
    if (domain === undefined || !o.planned.has(domain) || !s.name.startsWith(MSK_SECRET_PREFIX) || o.wanted.has(s.name) || s.deletedDate) continue;
    const associated = o.associated.has(s.arn);
    const retire = o.deleteSecrets ? 'delete' : 'disassociate';
    if (!o.cleanUnspecified || (!associated && retire === 'disassociate')) {
      kept.push(`${s.name}${associated ? ' (associated)' : ''}`);
      continue;
    }
    const before: RetiredScramSecret = {
      name: s.name, username: usernameOf(s.tags[TAG_PRINCIPAL] ?? '') ?? '(unknown)', password: SENSITIVE, mechanism: 'SCRAM-SHA-512',
      ...(s.kmsKeyId ? { kmsKeyId: s.kmsKeyId } : {}), clusterArn: o.clusterArn, associated, tags: s.tags, arn: s.arn,
      generatePassword: false, retire,
    };
    const what = [associated ? 'disassociate from the cluster' : '', retire === 'delete' ? 'delete the secret (recoverable for 30 days)' : 'keep the secret'].filter(Boolean).join(', ');
    changes.push({ kind: SCRAM_SECRET_KIND, id: s.name, domain, action: 'delete', before, reason: `no planned principal uses it (--clean-unspecified): ${what}` });
  }
  const diagnostics = kept.length === 0 ? [] : [warning('unspecified-kept',
    `${kept.length} SCRAM secret${kept.length === 1 ? '' : 's'} of the planned domains no principal uses any more; kept: ${kept.join(', ')}`,
    undefined, o.cleanUnspecified ? 'Run with --delete-secrets to delete them.' : 'Run with --clean-unspecified to disassociate them (and --delete-secrets to delete them).')];
  return { changes, diagnostics };
}
