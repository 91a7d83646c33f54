import { error, warning, type Diagnostic } from '../core/diagnostic.js';
import type { Domain } from '../spec/model.js';
import { usernameOf } from './scram-change.js';
import { defaultSecretName, endsLikeArnSuffix, secretNameProblem } from './secret-name.js';
import { secretTags } from './secret-tags.js';
import { pushTo } from '../core/push-to.js';

/** The secret a domain principal should have. */
export interface DesiredSecret {
  /** The domain the secret is named and tagged after (the first, when domains share a principal). */
  domain: string;
  /** Every planned domain with this principal. */
  domains: string[];
  principal: string;
  username: string;
  name: string;
  tags: Record<string, string>;
}

export interface NamingOptions {
  principalFor(domain: string): string;
  secretNameFor?(domain: string): string;
}

/** One secret per principal, named and validated; pure. */
export function desiredSecrets(domains: readonly Domain[], naming: NamingOptions): { secrets: DesiredSecret[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const byPrincipal = new Map<string, string[]>();
  for (const id of domains.map((d) => d.id).sort()) {
    const principal = naming.principalFor(id);
    pushTo(byPrincipal, principal, id);
  }
  const secrets: DesiredSecret[] = [];
  const owners = new Map<string, string>();
  for (const [principal, ids] of byPrincipal) {
    const domain = ids[0]!;
    const username = usernameOf(principal);
    if (username === undefined) {
      diagnostics.push(error('scram-principal-not-user', `Domain ${domain} maps to principal "${principal}": SCRAM users are always User:<name> principals`,
        undefined, 'Map the domain to a User: principal in the principal map.'));
      continue;
    }
    const name = naming.secretNameFor ? naming.secretNameFor(domain) : defaultSecretName(domain);
    const problem = secretNameProblem(name);
    if (problem) {
      diagnostics.push(error('scram-secret-name', `${problem.problem} (domain ${domain})`, undefined, problem.fix));
      continue;
    }
    const other = owners.get(name);
    if (other !== undefined) {
      diagnostics.push(error('scram-secret-name-clash', `Domains ${other} and ${domain} would both use secret "${name}"`, undefined,
        'Give each domain principal its own secret name.'));
      continue;
    }
    owners.set(name, domain);
    if (endsLikeArnSuffix(name)) {
      diagnostics.push(warning('scram-secret-name-suffix', `Secret name "${name}" ends with a hyphen and six characters, like the suffix Secrets Manager adds to ARNs; partial-ARN lookups of it can match the wrong secret`,
        undefined, 'Prefer a name that does not end in -XXXXXX.'));
    }
    if (ids.length > 1) {
      diagnostics.push(warning('scram-shared-principal', `Domains ${ids.join(', ')} share principal ${principal}: they get one SCRAM secret, "${name}"`));
    }
    secrets.push({ domain, domains: ids, principal, username, name, tags: secretTags(domain, principal) });
  }
  return { secrets, diagnostics };
}
