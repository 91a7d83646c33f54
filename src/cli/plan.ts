import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Flags } from './oclif.js';
import { SpecmeshCommand } from './specmesh-command.js';
import { hasPendingChanges, type Plan as PlanData } from '../core/change.js';
import { SpecmeshError } from '../core/errors.js';
import { planSpecs } from '../orchestrate/plan-specs.js';
import { IAM_FORMATS, plannedIam, renderIamAsCode, type IamFormat } from '../render/render-iam-as-code.js';
import { renderJson } from '../render/render-json.js';
import { renderMarkdown } from '../render/render-markdown.js';
import { renderText } from '../render/render-text.js';
import { connectionFlags } from './connection-flags.js';
import { specFlags } from './flags.js';
import { planFlags, planOptionsFromFlags, sessionFromFlags } from './plan-flags.js';
import { terminalProgress } from './terminal-progress.js';
import { formatDiagnostics, useColor } from './report.js';
import { renderFailureJson } from '../render/render-diagnostics-json.js';
import { savedInputs } from './saved-plan-flags.js';
import { withConfig } from './apply-config.js';
import { makeDir } from '../adapters/files/make-dir.js';
import { shellWord } from './shell-word.js';
import { requireSpecs } from './command-specs.js';

export default class Plan extends SpecmeshCommand {
  protected override readonly jsonFailures = true;
  static override summary = 'Show what provisioning the specs would change: topics, ACLs, IAM policies.';
  static override description = 'Diffs the specs against the cluster (or a --state snapshot, or an empty cluster when neither is given). Data goes to stdout, messages to stderr.';
  static override examples = [
    '<%= config.bin %> plan --spec specs/',
    '<%= config.bin %> plan --spec specs/ --format markdown > plan.md',
    '<%= config.bin %> plan --spec specs/ --emitter iam --msk-cluster-arn arn:aws:kafka:eu-west-1:123456789012:cluster/prod/abcd-1234 --iam-role-template "arn:aws:iam::123456789012:role/specmesh-{domain}" --iam-out policies/',
  ];
  static override flags = {
    ...specFlags,
    ...planFlags,
    ...connectionFlags,
    format: Flags.string({ char: 'f', summary: 'Output format.', options: ['text', 'markdown', 'json'], default: 'text' }),
    out: Flags.string({ summary: 'Save the plan to this file (JSON, no secrets), with a hash of the specs and a fingerprint of each resource it read, for `provision --plan`.' }),
    'iam-out': Flags.string({ summary: 'Write the planned IAM policy documents (and MSK cluster policy) as JSON files into this folder.' }),
    'iam-format': Flags.string({ summary: 'With --iam-out: json (the default: one policy document per file), terraform (JSON syntax: aws_iam_policy, aws_iam_role_policy_attachment, aws_msk_cluster_policy) or cloudformation (AWS::IAM::ManagedPolicy, AWS::MSK::ClusterPolicy).', options: [...IAM_FORMATS], dependsOn: ['iam-out'], helpGroup: 'MSK IAM' }),
    'detailed-exitcode': Flags.boolean({ summary: 'Exit 2 when the plan has changes (0: none, 1: error).' }),
  };

  async run(): Promise<void> {
    const parsed = await this.parse(Plan);
    const configured = await withConfig(parsed.flags, parsed.metadata, Plan.flags, this.configSettings);
    requireSpecs('plan', configured.spec);
    const flags = { ...configured, spec: configured.spec ?? [] };
    const options = await planOptionsFromFlags(flags);
    const session = sessionFromFlags(flags);
    const progress = terminalProgress(process.stderr, { machineOutput: flags.format === 'json' });
    const result = await planSpecs(flags.spec, { ...options, session, ...(progress.listener ? { onProgress: progress.listener } : {}) })
      .finally(() => {
        progress.done();
        return session.close();
      });
    // With errors there is no plan, so no word about what it was compared with.
    const shown = result.diagnostics.filter((d) => (d.severity !== 'warning' || !result.plan) && !(d.code === 'no-cluster' && !result.plan));
    process.stderr.write(formatDiagnostics(shown, { verbose: flags.verbose, color: useColor(process.stderr) }));
    const plan = result.plan;
    if (!plan) {
      if (flags.format === 'json') process.stdout.write(renderFailureJson(result.diagnostics.filter((d) => d.code !== 'no-cluster')));
      return this.exit(1);
    }
    if (flags['iam-out'] && !options.emitters.includes('iam')) {
      // Nothing to write: say so rather than leave an empty folder behind.
      process.stderr.write(`warning: --iam-out ${flags['iam-out']}: the ${options.emitters.join(', ')} emitter${options.emitters.length === 1 ? ' plans' : 's plan'} no IAM policies, so nothing was written (add --emitter iam)\n`);
    } else if (flags['iam-out']) await writePolicies(plan, flags['iam-out'], options.iam?.clusterArn, (flags['iam-format'] ?? 'json') as IamFormat);
    if (flags.out) {
      const { buildSavedPlan, hashSpecFiles, writeSavedPlan } = await import('../orchestrate/saved-plan-io.js');
      await writeSavedPlan(flags.out, await buildSavedPlan(plan, await hashSpecFiles(result.load.files), savedInputs(flags)));
      const connection = connectionArgs(parsed.flags, parsed.metadata);
      process.stderr.write(`Saved the plan to ${flags.out}; apply it with: specmesh provision --plan ${shellWord(flags.out)}${connection}\n`);
    }
    if (flags.format === 'json') process.stdout.write(renderJson(plan));
    else if (flags.format === 'markdown') process.stdout.write(renderMarkdown(plan));
    else process.stdout.write(renderText(plan, { color: useColor(process.stdout), verbose: flags.verbose }));
    if (flags['detailed-exitcode'] && hasPendingChanges(plan)) this.exit(2);
  }
}

/** The connection settings given on the command line, which a saved plan does not keep: `provision --plan` needs them again. */
const CONNECTION_SETTINGS = [...Object.keys(connectionFlags), 'profile', 'config', 'aws-endpoint', 'schema-registry-user', 'schema-registry-ca', 'schema-registry-timeout'];
function connectionArgs(given: Record<string, unknown>, metadata: { flags: Record<string, { setFromDefault?: boolean } | undefined> }): string {
  const words: string[] = [];
  for (const key of CONNECTION_SETTINGS) {
    const value = given[key];
    if (value === undefined || value === false || metadata.flags[key]?.setFromDefault) continue;
    // `--schema-registry-user key:secret` holds a secret: only the key is repeated (the secret goes in SPECMESH_SCHEMA_REGISTRY_PASSWORD).
    const shown = key === 'schema-registry-user' ? String(value).split(':')[0] ?? '' : String(value);
    words.push(value === true ? `--${key}` : `--${key} ${shellWord(shown)}`);
  }
  return words.map((w) => ` ${w}`).join('');
}

async function writePolicies(plan: PlanData, dir: string, clusterArn: string | undefined, format: IamFormat): Promise<void> {
  const existing = await fs.stat(dir).catch(() => undefined);
  if (existing && !existing.isDirectory()) {
    throw new SpecmeshError(`--iam-out ${dir} is a file; it takes a folder to write the policies into`, { fix: 'Pass a folder (created when missing). To save the plan itself, use --out <file>.' });
  }
  await makeDir(dir).catch((err: Error) => {
    throw new SpecmeshError(`Cannot create the --iam-out folder ${dir}: ${err.message}`, { fix: 'Pass --iam-out a folder you can write to (missing folders are created).' });
  });
  if (!clusterArn) return;
  for (const file of renderIamAsCode(plannedIam(plan, clusterArn), format)) {
    await fs.writeFile(path.join(dir, file.name), file.content);
  }
}
