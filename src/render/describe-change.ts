import type { Change } from '../core/change.js';
import { BUILTIN_KINDS, describeDetail, type KindRegistry } from '../kinds/registry.js';

export { describeDetail, describeSubject } from '../kinds/registry.js';
export { describeAclBinding } from '../kinds/acl.js';

export const ACTION_SYMBOL: Record<Change['action'], string> = { create: '+', update: '~', replace: '-/+', delete: '-', 'no-op': ' ' };
export const ACTION_VERB: Record<Change['action'], string> = { create: 'create', update: 'update', replace: 'replace', delete: 'delete', 'no-op': 'unchanged' };

/** An adopted topic is shown even when unchanged: taking it over is what a reviewer approves. */
export const isShown = (c: Change, verbose = false): boolean => c.action !== 'no-op' || verbose || c.adopt === true;

/** The symbol of a change; an adopted topic left as it is reads `=`. */
export const symbolOf = (c: Change): string => (c.adopt && c.action === 'no-op' ? '=' : ACTION_SYMBOL[c.action]);

/** The detail of a change, led by `adopt` for a topic taken over (alone when it is left as it is, unless `verbose`). */
export function changeDetail(c: Change, kinds: KindRegistry = BUILTIN_KINDS, verbose = false): string {
  if (!c.adopt) return describeDetail(c, kinds);
  const detail = c.action === 'no-op' && !verbose ? '' : describeDetail(c, kinds);
  return detail ? `adopt; ${detail}` : 'adopt';
}
