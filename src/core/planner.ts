import type { Change } from './change.js';
import type { Diagnostic } from './diagnostic.js';

export interface PlannerContext<D> {
  /** The valid, loaded domains being planned. */
  domains: readonly D[];
  /** Deletes are planned only when this is true, and only inside `domains` (exact boundary). */
  cleanUnspecified: boolean;
}

/**
 * Plans kinds of resources that need their own system to diff against (a schema registry,
 * Secrets Manager…). It reads what exists itself (through its port) and returns changes as plain
 * data; errors in `diagnostics` stop the plan, warnings are shown with it. `D` is the domain model.
 */
export interface Planner<D> {
  name: string;
  plan(context: PlannerContext<D>): Promise<{ changes: Change[]; diagnostics: Diagnostic[] }>;
}
