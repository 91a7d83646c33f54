import { error, warning, type Diagnostic } from '../core/diagnostic.js';
import type { PrincipalResolver } from './principals.js';
import { pushTo } from '../core/push-to.js';

/**
 * Problems with who the domains' principals are: a mapping to a wildcard or an empty name (which
 * would hand a domain's access to everyone or no one), and domains that share one principal
 * (Kafka cannot keep them apart, so neither boundary holds).
 */
export function principalDiagnostics(mapping: Record<string, string> | undefined, domains: readonly string[], principalOf: PrincipalResolver): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [domain, value] of Object.entries(mapping ?? {})) {
    const principal = principalOf(domain);
    const name = principal.slice(principal.indexOf(':') + 1);
    if (typeof value !== 'string' || name.trim() === '' || name.includes('*') || /\s/.test(principal)) {
      out.push(error('principal-invalid', `The principal map gives domain "${domain}" the principal ${JSON.stringify(value)}, which is not one principal`, undefined,
        'Map each domain to one named principal, e.g. "User:orders-service"; wildcards and blanks are not allowed.'));
    }
  }
  const byPrincipal = new Map<string, string[]>();
  for (const d of domains) pushTo(byPrincipal, principalOf(d), d);
  for (const [principal, sharing] of byPrincipal) {
    if (sharing.length < 2) continue;
    out.push(warning('principal-shared', `Domains ${sharing.map((d) => `"${d}"`).join(', ')} share the principal ${principal}, so each can use the others' topics, groups and transactional ids`, undefined,
      'Give each domain its own principal in the principal map.'));
  }
  return out;
}
