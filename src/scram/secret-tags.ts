/** Tags on every secret (and key) specmesh makes: which tool, which domain, which principal. */
export const TAG_MANAGED_BY = 'specmesh:managed-by';
export const TAG_DOMAIN = 'specmesh:domain';
export const TAG_PRINCIPAL = 'specmesh:principal';
export const TOOL_NAME = 'specmesh';

export const secretTags = (domain: string, principal: string): Record<string, string> =>
  ({ [TAG_MANAGED_BY]: TOOL_NAME, [TAG_DOMAIN]: domain, [TAG_PRINCIPAL]: principal });

/** The domain a secret was made for by specmesh, read from its tags; `undefined` for anyone else's secret. */
export function managedDomainOf(tags: Readonly<Record<string, string>>): string | undefined {
  return tags[TAG_MANAGED_BY] === TOOL_NAME ? tags[TAG_DOMAIN] : undefined;
}

/** The specmesh tags `want` sets that `have` lacks or holds differently (other tags are left alone). */
export function missingTags(want: Readonly<Record<string, string>>, have: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(want).filter(([k, v]) => have[k] !== v));
}
