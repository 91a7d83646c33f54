import { hasPendingChanges, type Plan } from '../core/change.js';
import { formatLocation, type Diagnostic } from '../core/diagnostic.js';
import { SpecmeshError } from '../core/errors.js';
import { maskSecrets } from '../core/mask-secrets.js';
import { alreadyApplied, comparePlannedChanges, findDrift, type SavedPlan } from '../core/saved-plan.js';
import { planSpecs, type PlanSpecsOptions } from '../orchestrate/plan-specs.js';
import { fingerprintChanges, hashSpecFiles } from '../orchestrate/saved-plan-io.js';

/**
 * Reads what a saved plan was computed from again: the specs it names and the live state of every
 * resource it touches, and plans them afresh. The plan comes back only when nothing drifted and the
 * fresh plan's changes are the saved ones, so a saved plan edited by hand is never applied; the
 * summary and access lines shown are the fresh plan's, never copied from the file. A plan whose
 * changes the cluster already holds (applied before) comes back with `alreadyApplied`.
 * Otherwise the error names each changed spec file, each changed resource or each edited change.
 */
export async function checkSavedPlan(file: string, saved: SavedPlan, specs: readonly string[], options: PlanSpecsOptions, cwd = process.cwd()): Promise<{ plan?: Plan; alreadyApplied?: true; diagnostics: Diagnostic[] }> {
  const fresh = await planSpecs(specs, options);
  const drift = findDrift(saved, {
    specFiles: await hashSpecFiles(fresh.load.files),
    fingerprints: fresh.plan ? fingerprintChanges(fresh.plan, true) : saved.fingerprints,
  });
  const savedFiles = Object.keys(saved.specFiles);
  if (savedFiles.length && drift.specs.filter((s) => s.change === 'removed').length === savedFiles.length) {
    throw new SpecmeshError(`None of the saved plan's ${savedFiles.length} spec file${savedFiles.length === 1 ? ' is' : 's are'} under ${cwd} (it names ${savedFiles.slice(0, 3).join(', ')}${savedFiles.length > 3 ? ', …' : ''}); nothing was applied`,
      { fix: 'Run provision from the folder `specmesh plan --out` ran in: the plan names its specs relative to it.', code: 'saved-plan-other-folder' });
  }
  const onCluster = fresh.plan && drift.resources.length && !drift.specs.length && !hasPendingChanges(fresh.plan) && alreadyApplied(saved.plan.changes, maskSecrets(fresh.plan).changes);
  if (onCluster && fresh.plan) return { plan: fresh.plan, alreadyApplied: true, diagnostics: fresh.diagnostics };
  if (drift.specs.length || drift.resources.length) {
    const lines = [
      ...drift.specs.map((s) => `  spec ${s.file}: ${s.change} since the plan was saved`),
      ...drift.resources.map((r) => `  ${r.kind} ${r.id}: changed on the cluster since the plan was saved`),
    ];
    throw new SpecmeshError(`The saved plan ${file} is out of date; nothing was applied:\n${lines.join('\n')}`,
      { fix: 'Run `specmesh plan --out` again, review the new plan, and provision that one.', code: 'saved-plan-stale' });
  }
  // The specs are as saved, yet no longer plan against what the cluster holds now: that is drift too.
  if (!fresh.plan) {
    const why = fresh.diagnostics.filter((d) => d.severity === 'error').map((d) => `  ${d.location ? `${formatLocation(d.location)}: ` : ''}${d.summary}`);
    throw new SpecmeshError(`The saved plan ${file} is out of date; nothing was applied: the cluster changed since, and the specs no longer plan against it${why.length ? `:\n${why.join('\n')}` : ''}`,
      { fix: 'Run `specmesh plan --out` again to see why, and provision the new plan.', code: 'saved-plan-stale' });
  }
  const mismatch = comparePlannedChanges(saved.plan.changes, maskSecrets(fresh.plan).changes);
  if (mismatch.notPlanned.length || mismatch.missing.length) {
    const lines = [
      ...mismatch.notPlanned.map((c) => `  ${c.action} ${c.kind} ${c.id}: not what the specs plan`),
      ...mismatch.missing.map((c) => `  ${c.action} ${c.kind} ${c.id}: planned by the specs, missing from the saved plan`),
    ];
    throw new SpecmeshError(`The saved plan ${file} is not the plan its specs make: it was edited after \`specmesh plan --out\` wrote it; nothing was applied:\n${lines.join('\n')}`,
      { fix: 'Save the plan again with `specmesh plan --out`, review it, and provision that file unedited.', code: 'saved-plan-edited' });
  }
  return { plan: fresh.plan, diagnostics: fresh.diagnostics };
}
