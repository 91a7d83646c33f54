import { Flags } from './oclif.js';
import { SpecmeshCommand } from './specmesh-command.js';
import { hasPendingChanges, type Plan as PlanData } from '../core/change.js';
import { describeSubject } from '../kinds/registry.js';
import { ConnectionError, SpecmeshError } from '../core/errors.js';
import { maskSecrets } from '../core/mask-secrets.js';
import { planSpecs } from '../orchestrate/plan-specs.js';
import { applySpecPlan, type ApplyResult } from '../orchestrate/provision-specs.js';
import { renderJson } from '../render/render-json.js';
import { renderResults } from '../render/render-results.js';
import { renderText } from '../render/render-text.js';
import { connectionFlags } from './connection-flags.js';
import { specFlags } from './flags.js';
import { planFlags, planOptionsFromFlags, sessionFromFlags } from './plan-flags.js';
import { formatDiagnostics, useColor } from './report.js';
import { renderFailureJson } from '../render/render-diagnostics-json.js';
import { visibilityWarning } from './visibility-warning.js';
import { checkSavedPlan } from './check-saved-plan.js';
import { withConfig } from './apply-config.js';
import { terminalProgress } from './terminal-progress.js';
import { readSavedPlan } from '../orchestrate/saved-plan-io.js';
import { canonicalJson } from '../core/saved-plan.js';
import { SAVED_INPUT_FLAGS } from './saved-plan-flags.js';

const { state: _state, ...provisionPlanFlags } = planFlags;

export default class Provision extends SpecmeshCommand {
  protected override readonly jsonFailures = true;
  static override summary = 'Plan against the live cluster, then apply: topics first, then access; deletes only with --clean-unspecified.';
  static override description = 'Invalid specs or plan errors change nothing. Every change gets one result; any failure exits 1, and a re-run converges.';
  static override examples = [
    '$ SPECMESH_SASL_PASSWORD=… <%= config.bin %> provision --spec specs/ --bootstrap-server b-1:9096 --security-protocol SASL_SSL --sasl-mechanism SCRAM-SHA-512 --sasl-username admin',
    '<%= config.bin %> provision --spec app-api.yaml --command-config client.properties --dry-run',
    '<%= config.bin %> provision --plan plan.json --command-config client.properties   # exactly the plan `plan --out plan.json` saved',
  ];
  static override flags = {
    ...specFlags,
    spec: Flags.string({ char: 's', summary: 'AsyncAPI spec: a file, a folder, or a glob. Repeatable (not with --plan).', multiple: true, exclusive: ['plan'] }),
    plan: Flags.string({ summary: 'Apply exactly this saved plan (`plan --out`); refused, naming each cause, when a spec or a resource it touches changed since, or the file was edited.' }),
    ...provisionPlanFlags,
    ...connectionFlags,
    'dry-run': Flags.boolean({ summary: 'Show the plan and change nothing.' }),
    'auto-approve': Flags.boolean({ summary: 'Apply without asking. Without a terminal (CI), provision applies only with this or a saved plan (--plan).' }),
    format: Flags.string({ char: 'f', summary: 'Output format: text, or json ({ plan, results, visibility }).', options: ['text', 'json'], default: 'text' }),
    'visibility-timeout': Flags.integer({
      summary: 'Seconds to wait, after the creates, until the brokers serve every new topic and ACL (0: do not wait).',
      description: 'Kafka accepts creates before its brokers serve them. Waiting means the next plan, and the next client, sees what was provisioned; whatever is still not served is named in a warning.',
      min: 0,
      default: 120,
    }),
  };

  async run(): Promise<void> {
    const parsed = await this.parse(Provision);
    const given = await withConfig(parsed.flags, parsed.metadata, Provision.flags, this.configSettings);
    const saved = given.plan ? await readSavedPlan(given.plan) : undefined;
    if (saved && given.plan) refuseOtherInputs(given.plan, saved.inputs, parsed.flags, parsed.metadata);
    if (!saved && !given.spec?.length) throw new SpecmeshError('provision needs --spec (or a saved plan, --plan)', { fix: 'Pass --spec specs/, or --plan plan.json written by `specmesh plan --out plan.json`.' });
    // A saved plan is re-read with the inputs it was computed from; only the connection comes from this run.
    const flags = { ...given, ...saved?.inputs, spec: (saved?.inputs['spec'] as string[] | undefined) ?? given.spec ?? [] };
    const session = sessionFromFlags(flags);
    if (!session.hasKafka()) {
      throw new ConnectionError('provision needs a cluster', { fix: 'Pass --bootstrap-server or --command-config (or set SPECMESH_BOOTSTRAP_SERVERS). To preview without one, run `specmesh plan`.' });
    }
    const options = await planOptionsFromFlags(flags);
    const color = useColor(process.stdout);
    const progress = terminalProgress(process.stderr, { machineOutput: flags.format === 'json' });
    const onProgress = progress.listener ? { onProgress: progress.listener } : {};
    try {
      const planOptions = { ...options, session, ...onProgress };
      const planned = saved && given.plan ? await checkSavedPlan(given.plan, saved, flags.spec, planOptions) : await planSpecs(flags.spec, planOptions);
      progress.done();
      process.stderr.write(formatDiagnostics(planned.diagnostics.filter((d) => d.severity !== 'warning' || !planned.plan), { verbose: flags.verbose, color: useColor(process.stderr) }));
      const plan = planned.plan;
      if (!plan) {
        if (flags.format === 'json') process.stdout.write(renderFailureJson(planned.diagnostics));
        return this.exit(1);
      }
      if ('alreadyApplied' in planned && planned.alreadyApplied) {
        // Re-running the apply step of a pipeline is not an error: the reviewed changes are there.
        if (flags.format === 'json') process.stdout.write(`${JSON.stringify({ plan: JSON.parse(renderJson(plan)), results: [], alreadyApplied: true }, null, 2)}\n`);
        else process.stdout.write(`The cluster already holds every change of the saved plan ${given.plan} (applied before, or made since by someone else): nothing to apply.\n`);
        return;
      }
      if (flags.format === 'text') process.stdout.write(renderText(plan, { color, verbose: flags.verbose }));
      if (!flags['dry-run'] && !given['auto-approve'] && !given.plan && hasPendingChanges(plan) && !await approved(plan, flags.format === 'text')) {
        process.stderr.write('Apply cancelled: nothing was changed.\n');
        return this.exit(1);
      }
      const applied: ApplyResult | undefined = flags['dry-run'] ? undefined : await applySpecPlan(plan, session, {
        waitForVisibility: flags['visibility-timeout'] > 0,
        visibilityTimeoutMs: flags['visibility-timeout'] * 1000,
        ...onProgress,
      }).finally(() => progress.done());
      const visibility = applied?.visibility ? { visible: applied.visibility.visible, notServed: applied.visibility.notServed } : undefined;
      if (applied?.refused) process.stderr.write(formatDiagnostics(applied.refused, { color: useColor(process.stderr) }));
      if (flags.format === 'json') {
        const refused = applied?.refused ? { refused: applied.refused } : {};
        process.stdout.write(`${JSON.stringify(maskSecrets({ plan: JSON.parse(renderJson(plan)), results: applied?.report.results ?? [], dryRun: flags['dry-run'], ...refused, ...(visibility ? { visibility } : {}) }), null, 2)}\n`);
      } else if (applied) {
        process.stdout.write(`\n${renderResults(applied.report, { color })}`);
      }
      if (applied && applied.visible === false) {
        process.stderr.write(visibilityWarning(applied.visibility, flags['visibility-timeout'] * 1000));
      } else if (!applied && flags['dry-run'] && flags.format !== 'json' && hasPendingChanges(plan)) {
        process.stdout.write('\nDry run: nothing was changed.\n');
      }
      if (applied && applied.report.failed > 0) this.exit(1);
    } finally {
      progress.done();
      await session.close();
    }
  }
}

/**
 * A saved plan is applied with the inputs it was planned with. A planning flag given again with a
 * different value (`--kafka-variant msk-serverless` on a plan made for Apache Kafka) would be
 * silently ignored, so it is refused, naming both values; the same value is fine.
 */
function refuseOtherInputs(file: string, inputs: Record<string, unknown>, flags: Record<string, unknown>, metadata: { flags: Record<string, { setFromDefault?: boolean } | undefined> }): void {
  const differing = SAVED_INPUT_FLAGS.filter((k) => k !== 'spec' && flags[k] !== undefined && !metadata.flags[k]?.setFromDefault
    && canonicalJson(flags[k]) !== canonicalJson(inputs[k]));
  if (!differing.length) return;
  const shown = (v: unknown) => (v === undefined ? 'not given' : Array.isArray(v) ? v.join(', ') : String(v));
  throw new SpecmeshError(`provision --plan applies ${file} with the inputs it was planned with; these flags differ from them, so nothing was applied:\n${
    differing.map((k) => `  --${k}: ${shown(flags[k])} here, ${shown(inputs[k])} in the saved plan`).join('\n')}`, {
    fix: `Drop ${differing.map((k) => `--${k}`).join(', ')}, or plan again with ${differing.length === 1 ? 'it' : 'them'} (\`specmesh plan --out\`) and provision the new plan.`,
    code: 'saved-plan-inputs-differ',
  });
}

/**
 * Terraform's habit: on a terminal, list the deletes first and ask; anything but `yes` cancels.
 * Without one (CI) never wait: refuse, with the two ways to approve.
 */
async function approved(plan: PlanData, text: boolean): Promise<boolean> {
  if (!text || !process.stdin.isTTY || !process.stderr.isTTY) {
    throw new SpecmeshError('provision has no terminal to ask for approval, so it applies nothing', {
      fix: 'Pass --auto-approve, or save the plan with `specmesh plan --out plan.json`, review it, and apply it with `specmesh provision --plan plan.json`.',
    });
  }
  const deletes = plan.changes.filter((c) => c.action === 'delete' || c.action === 'replace');
  const lines = deletes.length ? [`\nThis deletes ${deletes.length} resource${deletes.length === 1 ? '' : 's'}:`, ...deletes.map((c) => `  - ${c.kind} ${describeSubject(c)}`)] : [];
  process.stderr.write(`${lines.join('\n')}\n`);
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question('\nApply this plan? Only "yes" is accepted: ')).trim() === 'yes';
  } finally {
    rl.close();
  }
}
