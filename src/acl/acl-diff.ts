import { aclKey, type AclBinding } from './acl-binding.js';
import { aclOwnerDomain } from './acl-scope.js';
import type { ResourceDiffSpec } from '../core/diff-resources.js';

export function aclDiffSpec(planned: ReadonlySet<string>, domainOfPrincipal: (p: string) => string | undefined): ResourceDiffSpec<'acl', AclBinding> {
  // Thousands of bindings share a few names per domain: each owner is worked out once.
  const owners = new Map<string, string | undefined>();
  const owner = (b: AclBinding): string | undefined => {
    const k = `${b.permission}|${b.resourceType}|${b.principal}|${b.resourceName}`;
    if (owners.has(k)) return owners.get(k);
    const d = aclOwnerDomain(b, domainOfPrincipal);
    owners.set(k, d);
    return d;
  };
  return {
    kind: 'acl',
    key: aclKey,
    domainOf: owner,
    inScope: (b) => {
      const d = owner(b);
      return d !== undefined && planned.has(d);
    },
    // A binding is its key: equal keys are equal bindings.
    compare: (_want, have) => ({ after: have }),
  };
}
