import { warning, type Diagnostic } from '../core/diagnostic.js';

/** Resources of the planned domains that exist but no spec declares: kept, and named, unless --clean-unspecified. */
export function notePreserved(items: readonly string[], noun: string): Diagnostic[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, 10).join(', ') + (items.length > 10 ? `, … (${items.length - 10} more)` : '');
  return [warning('unspecified-kept', `${items.length} ${noun}${items.length === 1 ? '' : 's'} of the planned domains ${items.length === 1 ? 'exists' : 'exist'} but no spec declares ${items.length === 1 ? 'it; it is' : 'them; they are'} kept: ${shown}`,
    undefined, 'Run with --clean-unspecified to delete them.')];
}
