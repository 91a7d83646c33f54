import type { Change } from '../core/change.js';

export { describeDetail, describeSubject } from '../kinds/registry.js';
export { describeAclBinding } from '../kinds/acl.js';

export const ACTION_SYMBOL: Record<Change['action'], string> = { create: '+', update: '~', replace: '-/+', delete: '-', 'no-op': ' ' };
export const ACTION_VERB: Record<Change['action'], string> = { create: 'create', update: 'update', replace: 'replace', delete: 'delete', 'no-op': 'unchanged' };
