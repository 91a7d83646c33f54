import type { Plan } from '../core/change.js';
import { maskSecrets } from '../core/mask-secrets.js';

/** The machine contract: `formatVersion` 1, stable across releases, secrets masked. */
export function renderJson(plan: Plan): string {
  return `${JSON.stringify(maskSecrets(plan), null, 2)}\n`;
}
