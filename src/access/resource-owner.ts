import type { AccessResourceType } from '../core/access-summary.js';

const VISIBILITY = /^(.+?)\.(_public|_protected|_private)(\.|$)/;

export type Visibility = 'public' | 'protected' | 'private';

/** Tells which domain owns a resource name, from the visibility segment or the longest known domain it falls in. */
export interface OwnerResolver {
  ownerOf(resourceType: AccessResourceType, name: string): string | undefined;
  visibilityOf(resourceType: AccessResourceType, name: string): Visibility | undefined;
}

export function ownerResolver(knownDomains: Iterable<string>): OwnerResolver {
  const known = new Set(knownDomains);
  const longestKnown = (name: string): string | undefined => {
    const segments = name.split('.');
    for (let n = segments.length; n > 0; n--) {
      const candidate = segments.slice(0, n).join('.');
      if (known.has(candidate)) return candidate;
    }
    return undefined;
  };
  return {
    ownerOf(resourceType, name) {
      if (resourceType === 'cluster') return undefined;
      const bare = name.endsWith('*') ? name.slice(0, -1) : name;
      if (resourceType === 'topic') {
        const m = VISIBILITY.exec(bare);
        if (m) return m[1];
      }
      return longestKnown(bare);
    },
    visibilityOf(resourceType, name) {
      if (resourceType !== 'topic') return undefined;
      const m = VISIBILITY.exec(name.endsWith('*') ? name.slice(0, -1) : name);
      return m ? (m[2]!.slice(1) as Visibility) : undefined;
    },
  };
}
