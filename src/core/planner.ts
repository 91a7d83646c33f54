import type { Diagnostic } from './diagnostic.js';
import type { Domain } from '../spec/model.js';
import type { Change } from './change.js';

export interface PlannerContext {
  /** The valid, loaded domains being planned. */
  domains: readonly Domain[];
  /** Deletes are planned only when this is true, and only inside `domains` (exact boundary). */
  cleanUnspecified: boolean;
}

/**
 * Plans one more kind of resource that needs its own system to diff against (a schema registry,
 * Secrets Manager…). It reads what exists itself (through its port) and returns changes as plain
 * data; errors in `diagnostics` stop the plan, warnings are shown with it.
 */
export interface Planner {
  name: string;
  plan(context: PlannerContext): Promise<{ changes: Change[]; diagnostics: Diagnostic[] }>;
}
