import { error, type Diagnostic } from '../core/diagnostic.js';
import { MSK_MAX_SCRAM_USERS } from './msk-scram-port.js';
import type { ScramSecretChange } from './scram-change.js';

/** How many secrets the cluster will have associated after the plan is applied. */
export function associatedAfter(currentlyAssociated: number, changes: readonly ScramSecretChange[]): number {
  let n = currentlyAssociated;
  for (const c of changes) {
    if (c.action === 'create') n += 1;
    else if (c.action === 'update' && !c.before.associated && c.after.associated) n += 1;
    else if (c.action === 'delete' && c.before.associated) n -= 1;
  }
  return n;
}

/** MSK allows at most 1,000 SCRAM users per cluster; a plan past that would fail half-way. */
export function checkUserLimit(currentlyAssociated: number, changes: readonly ScramSecretChange[], clusterArn: string, limit = MSK_MAX_SCRAM_USERS): Diagnostic[] {
  const after = associatedAfter(currentlyAssociated, changes);
  if (after <= limit) return [];
  return [error('scram-user-limit', `The cluster would have ${after} SCRAM users (${currentlyAssociated} associated now); MSK allows ${limit.toLocaleString('en-US')} per cluster (${clusterArn})`,
    undefined, 'Plan fewer domains onto this cluster, disassociate unused secrets (--clean-unspecified), or use IAM access control (--emitter iam) for some principals.')];
}
