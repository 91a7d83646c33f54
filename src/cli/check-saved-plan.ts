import type { Plan } from '../core/change.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { SpecmeshError } from '../core/errors.js';
import { findDrift, type SavedPlan } from '../core/saved-plan.js';
import { planSpecs, type PlanSpecsOptions } from '../orchestrate/plan-specs.js';
import { fingerprintChanges, hashSpecFiles } from '../orchestrate/saved-plan-io.js';

/**
 * Reads what a saved plan was computed from again: the specs it names and the live state of every
 * resource it touches. The saved plan comes back only when nothing drifted; else the error names
 * each changed spec file and each changed resource, and nothing is applied.
 */
export async function checkSavedPlan(file: string, saved: SavedPlan, specs: readonly string[], options: PlanSpecsOptions): Promise<{ plan?: Plan; diagnostics: Diagnostic[] }> {
  const fresh = await planSpecs(specs, options);
  const drift = findDrift(saved, {
    specFiles: await hashSpecFiles(fresh.load.files),
    fingerprints: fresh.plan ? fingerprintChanges(fresh.plan, true) : saved.fingerprints,
  });
  if (drift.specs.length || drift.resources.length) {
    const lines = [
      ...drift.specs.map((s) => `  spec ${s.file}: ${s.change} since the plan was saved`),
      ...drift.resources.map((r) => `  ${r.kind} ${r.id}: changed on the cluster since the plan was saved`),
    ];
    throw new SpecmeshError(`The saved plan ${file} is out of date; nothing was applied:\n${lines.join('\n')}`,
      { fix: 'Run `specmesh plan --out` again, review the new plan, and provision that one.' });
  }
  // The specs are as saved, yet no longer plan against what the cluster holds now: that is drift too.
  if (!fresh.plan) {
    throw new SpecmeshError(`The saved plan ${file} is out of date; nothing was applied: the cluster changed since, and the specs no longer plan against it`,
      { fix: 'Run `specmesh plan --out` again to see why, and provision the new plan.' });
  }
  return { plan: saved.plan, diagnostics: fresh.diagnostics };
}
