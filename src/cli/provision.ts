import { Command, Flags } from '@oclif/core';
import { ConnectionError } from '../core/errors.js';
import { hasConnection, openAdmin } from '../adapters/kafka/open-admin.js';
import { hasPendingChanges } from '../core/change.js';
import { provisionSpecs } from '../orchestrate/provision-specs.js';
import { renderJson } from '../render/render-json.js';
import { renderResults } from '../render/render-results.js';
import { renderText } from '../render/render-text.js';
import { maskSecrets } from '../core/mask-secrets.js';
import { connectionFlags, connectionInputsFromFlags } from './connection-flags.js';
import { openExtraKinds } from './extra-kinds.js';
import { specFlags } from './flags.js';
import { planFlags, planOptionsFromFlags } from './plan-flags.js';
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
    const inputs = connectionInputsFromFlags(flags);
    if (!hasConnection(inputs)) {
      throw new ConnectionError('provision needs a cluster', { fix: 'Pass --bootstrap-server or --command-config (or set SPECMESH_BOOTSTRAP_SERVERS). To preview without one, run `specmesh plan`.' });
    }
    const options = await planOptionsFromFlags(flags);
    const color = useColor(process.stdout);
    let admin: Awaited<ReturnType<typeof openAdmin>> | undefined;
    const extras = await openExtraKinds(flags, options.principals, options.iam);
    try {
      const result = await provisionSpecs(flags.spec, {
        ...options,
        waitForVisibility: flags['visibility-timeout'] > 0,
        visibilityTimeoutMs: flags['visibility-timeout'] * 1000,
        planners: extras.planners,
        appliers: extras.appliers,
        ...(extras.readIam ? { readIam: extras.readIam } : {}),
        connect: async () => (admin = await openAdmin(inputs)),
        dryRun: flags['dry-run'],
        onPlan: (planned) => {
          process.stderr.write(formatDiagnostics(planned.diagnostics.filter((d) => d.severity !== 'warning' || !planned.plan), { verbose: flags.verbose, color: useColor(process.stderr) }));
          if (planned.plan && flags.format === 'text') process.stdout.write(renderText(planned.plan, { color, verbose: flags.verbose }));
        },
      });
      if (!result.plan) this.exit(1);
      const visibility = result.visibility ? { visible: result.visibility.visible, notServed: result.visibility.notServed } : undefined;
      if (flags.format === 'json') {
        process.stdout.write(`${JSON.stringify(maskSecrets({ plan: JSON.parse(renderJson(result.plan!)), results: result.report?.results ?? [], dryRun: flags['dry-run'], ...(visibility ? { visibility } : {}) }), null, 2)}\n`);
      } else if (result.report) {
        process.stdout.write(`\n${renderResults(result.report, { color })}`);
      }
      if (result.report && result.visible === false) {
        process.stderr.write(visibilityWarning(result.visibility, flags['visibility-timeout'] * 1000));
      } else if (!result.report && flags['dry-run'] && flags.format !== 'json' && hasPendingChanges(result.plan!)) {
        process.stdout.write('\nDry run: nothing was changed.\n');
      }
      if (result.report && result.report.failed > 0) this.exit(1);
    } finally {
      await admin?.disconnect();
      await extras.close();
    }
  }

  protected override async catch(err: Error): Promise<void> {
    const { message, exitCode } = describeError(err, useColor(process.stderr));
    process.stderr.write(message);
    process.exitCode = exitCode;
  }
}
