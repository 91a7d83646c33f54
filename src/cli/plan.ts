import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Command, Flags } from '@oclif/core';
import { hasPendingChanges, type Plan as PlanData } from '../core/change.js';
import { planSpecs } from '../orchestrate/plan-specs.js';
import { IAM_FORMATS, plannedIam, renderIamAsCode, type IamFormat } from '../render/render-iam-as-code.js';
import { renderJson } from '../render/render-json.js';
import { renderMarkdown } from '../render/render-markdown.js';
import { renderText } from '../render/render-text.js';
import { connectionFlags } from './connection-flags.js';
import { specFlags } from './flags.js';
import { planFlags, planOptionsFromFlags, sessionFromFlags } from './plan-flags.js';
import { describeError, formatDiagnostics, useColor } from './report.js';

export default class Plan extends Command {
  static override summary = 'Show what provisioning the specs would change: topics, ACLs, IAM policies.';
  static override description = 'Diffs the specs against the cluster (or a --state snapshot, or an empty cluster when neither is given). Data goes to stdout, messages to stderr.';
  static override examples = [
    '<%= config.bin %> plan --spec specs/',
    '<%= config.bin %> plan --spec specs/ --format markdown > plan.md',
    '<%= config.bin %> plan --spec specs/ --emitter iam --msk-cluster-arn arn:aws:kafka:eu-west-1:123456789012:cluster/prod/abcd-1234 --iam-role-template "arn:aws:iam::123456789012:role/specmesh-{domain}" --out policies/',
  ];
  static override flags = {
    ...specFlags,
    ...planFlags,
    ...connectionFlags,
    format: Flags.string({ char: 'f', summary: 'Output format.', options: ['text', 'markdown', 'json'], default: 'text' }),
    out: Flags.string({ summary: 'Write the planned IAM policies (and MSK cluster policy) into this folder, in the --iam-format.' }),
    'iam-format': Flags.string({ summary: 'With --out: json (the default: one policy document per file), terraform (JSON syntax: aws_iam_policy, aws_iam_role_policy_attachment, aws_msk_cluster_policy) or cloudformation (AWS::IAM::ManagedPolicy, AWS::MSK::ClusterPolicy).', options: [...IAM_FORMATS], dependsOn: ['out'], helpGroup: 'MSK IAM' }),
    'detailed-exitcode': Flags.boolean({ summary: 'Exit 2 when the plan has changes (0: none, 1: error).' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Plan);
    const options = await planOptionsFromFlags(flags);
    const session = sessionFromFlags(flags);
    const result = await planSpecs(flags.spec, { ...options, session }).finally(() => session.close());
    process.stderr.write(formatDiagnostics(result.diagnostics.filter((d) => d.severity !== 'warning' || !result.plan), { verbose: flags.verbose, color: useColor(process.stderr) }));
    const plan = result.plan;
    if (!plan) return this.exit(1);
    if (flags.out) await writePolicies(plan, flags.out, options.iam?.clusterArn, (flags['iam-format'] ?? 'json') as IamFormat);
    if (flags.format === 'json') process.stdout.write(renderJson(plan));
    else if (flags.format === 'markdown') process.stdout.write(renderMarkdown(plan));
    else process.stdout.write(renderText(plan, { color: useColor(process.stdout), verbose: flags.verbose }));
    if (flags['detailed-exitcode'] && hasPendingChanges(plan)) this.exit(2);
  }

  protected override async catch(err: Error): Promise<void> {
    const { message, exitCode } = describeError(err, useColor(process.stderr));
    process.stderr.write(message);
    process.exitCode = exitCode;
  }
}

async function writePolicies(plan: PlanData, dir: string, clusterArn: string | undefined, format: IamFormat): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  if (!clusterArn) return;
  for (const file of renderIamAsCode(plannedIam(plan, clusterArn), format)) {
    await fs.writeFile(path.join(dir, file.name), file.content);
  }
}
