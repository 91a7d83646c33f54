import { Command, Flags } from '@oclif/core';
import { hasPendingChanges } from '../core/change.js';
import { ConnectionError } from '../core/errors.js';
import { maskSecrets } from '../core/mask-secrets.js';
import { planSpecs } from '../orchestrate/plan-specs.js';
import { applySpecPlan, type ApplyResult } from '../orchestrate/provision-specs.js';
import { renderJson } from '../render/render-json.js';
import { renderResults } from '../render/render-results.js';
import { renderText } from '../render/render-text.js';
import { connectionFlags } from './connection-flags.js';
import { specFlags } from './flags.js';
import { planFlags, planOptionsFromFlags, sessionFromFlags } from './plan-flags.js';
import { describeError, formatDiagnostics, useColor } from './report.js';
import { visibilityWarning } from './visibility-warning.js';

const { state: _state, ...provisionPlanFlags } = planFlags;

export default class Provision extends Command {
  static override summary = 'Plan against the live cluster, then apply: topics first, then access; deletes only with --clean-unspecified.';
  static override description = 'Invalid specs or plan errors change nothing. Every change gets one result; any failure exits 1, and a re-run converges.';
  static override examples = [
    'SPECMESH_SASL_PASSWORD=… <%= config.bin %> provision --spec specs/ --bootstrap-server b-1:9096 --security-protocol SASL_SSL --sasl-mechanism SCRAM-SHA-512 --sasl-username admin',
    '<%= config.bin %> provision --spec app-api.yaml --command-config client.properties --dry-run',
  ];
  static override flags = {
    ...specFlags,
    ...provisionPlanFlags,
    ...connectionFlags,
    'dry-run': Flags.boolean({ summary: 'Show the plan and change nothing.' }),
    format: Flags.string({ char: 'f', summary: 'Output format: text, or json ({ plan, results, visibility }).', options: ['text', 'json'], default: 'text' }),
    'visibility-timeout': Flags.integer({
      summary: 'Seconds to wait, after the creates, until the brokers serve every new topic and ACL (0: do not wait).',
      description: 'Kafka accepts creates before its brokers serve them. Waiting means the next plan, and the next client, sees what was provisioned; whatever is still not served is named in a warning.',
      min: 0,
      default: 120,
    }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Provision);
    const session = sessionFromFlags(flags);
    if (!session.hasKafka()) {
      throw new ConnectionError('provision needs a cluster', { fix: 'Pass --bootstrap-server or --command-config (or set SPECMESH_BOOTSTRAP_SERVERS). To preview without one, run `specmesh plan`.' });
    }
    const options = await planOptionsFromFlags(flags);
    const color = useColor(process.stdout);
    try {
      const planned = await planSpecs(flags.spec, { ...options, session });
      process.stderr.write(formatDiagnostics(planned.diagnostics.filter((d) => d.severity !== 'warning' || !planned.plan), { verbose: flags.verbose, color: useColor(process.stderr) }));
      const plan = planned.plan;
      if (!plan) return this.exit(1);
      if (flags.format === 'text') process.stdout.write(renderText(plan, { color, verbose: flags.verbose }));
      const applied: ApplyResult | undefined = flags['dry-run'] ? undefined : await applySpecPlan(plan, session, {
        waitForVisibility: flags['visibility-timeout'] > 0,
        visibilityTimeoutMs: flags['visibility-timeout'] * 1000,
      });
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
      await session.close();
    }
  }

  protected override async catch(err: Error): Promise<void> {
    const { message, exitCode } = describeError(err, useColor(process.stderr));
    process.stderr.write(message);
    process.exitCode = exitCode;
  }
}
