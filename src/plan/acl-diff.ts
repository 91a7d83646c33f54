import { aclKey, type AclBinding } from '../acl/acl-binding.js';
import { aclOwnerDomain } from '../acl/acl-scope.js';
import type { ResourceDiffSpec } from './diff-resources.js';

export function aclDiffSpec(planned: ReadonlySet<string>, domainOfPrincipal: (p: string) => string | undefined): ResourceDiffSpec<AclBinding> {
  const owner = (b: AclBinding): string | undefined => aclOwnerDomain(b, domainOfPrincipal);
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
