import { error, warning, type Diagnostic } from '../core/diagnostic.js';
import type { IamPolicy } from './iam-policy.js';
import { pushTo } from '../core/push-to.js';

/** IAM's default quota of managed policies attached to one role (it can be raised to 20). */
export const MAX_POLICIES_PER_ROLE = 10;
const MAX_POLICY_NAME = 128;

const accountOf = (roleArn: string): string => roleArn.split(':')[4] ?? '';

/**
 * Checks across all policies: too many for one role, two domains sharing a role (which erases the
 * boundary between them), and policy names that collide (managed policy names are per account).
 */
export function policySetDiagnostics(policies: readonly IamPolicy[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const byRole = new Map<string, IamPolicy[]>();
  for (const p of policies) pushTo(byRole, p.principal, p);
  for (const [role, attached] of byRole) {
    const domains = [...new Set(attached.map((p) => p.domain))];
    if (domains.length > 1) {
      out.push(warning('iam-role-shared', `Domains ${domains.map((d) => `"${d}"`).join(', ')} share role "${role}", so each can use the others' resources (and no Deny is put between them)`, undefined,
        'Give each domain its own role (put {domain} in the role template, or fix the role map).'));
    }
    if (attached.length > MAX_POLICIES_PER_ROLE) {
      out.push(warning('iam-too-many-policies', `Role "${role}" needs ${attached.length} managed policies; IAM attaches at most ${MAX_POLICIES_PER_ROLE} to a role by default`, undefined,
        'Raise the "Managed policies per role" quota (at most 20), use --iam-widen-public-reads, or consume fewer topics per domain.'));
    }
  }
  const byName = new Map<string, IamPolicy>();
  for (const p of policies) {
    if (p.policyName.length > MAX_POLICY_NAME) {
      out.push(error('iam-policy-name-invalid', `Policy name "${p.policyName}" is ${p.policyName.length} characters long; IAM allows at most ${MAX_POLICY_NAME}`));
    }
    // IAM compares policy names without regard to case.
    const key = `${accountOf(p.principal)}/${p.policyName.toLowerCase()}`;
    const other = byName.get(key);
    if (other) {
      out.push(error('iam-policy-name-collision', `Policy name "${p.policyName}" is used for both "${other.domain}" and "${p.domain}" in account ${accountOf(p.principal)}`, undefined,
        'Rename one of the domains.'));
    } else byName.set(key, p);
  }
  return out;
}
