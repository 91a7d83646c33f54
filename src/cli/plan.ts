import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Command, Flags } from '@oclif/core';
import { hasPendingChanges, isKind, type Plan as PlanData } from '../core/change.js';
import { planSpecs } from '../orchestrate/plan-specs.js';
import { renderJson } from '../render/render-json.js';
import { renderMarkdown } from '../render/render-markdown.js';
import { renderText } from '../render/render-text.js';
import { connectionFlags } from './connection-flags.js';
import { specFlags } from './flags.js';
import { diagnosticsOfError, renderJsonErrors } from './json-errors.js';
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
    out: Flags.string({ summary: 'Write the planned IAM policy documents (and MSK cluster policy) as JSON files into this folder.' }),
    'detailed-exitcode': Flags.boolean({ summary: 'Exit 2 when the plan has changes (0: none, 1: error).' }),
  };

  /** Set once the flags are read: failures then print as JSON on stdout too. */
  private jsonOutput = false;

  async run(): Promise<void> {
    const { flags } = await this.parse(Plan);
    this.jsonOutput = flags.format === 'json';
    const options = await planOptionsFromFlags(flags);
    const session = sessionFromFlags(flags);
    const result = await planSpecs(flags.spec, { ...options, session }).finally(() => session.close());
    process.stderr.write(formatDiagnostics(result.diagnostics.filter((d) => d.severity !== 'warning' || !result.plan), { verbose: flags.verbose, color: useColor(process.stderr) }));
    const plan = result.plan;
    if (!plan) {
      if (this.jsonOutput) process.stdout.write(renderJsonErrors(result.diagnostics));
      return this.exit(1);
    }
    if (flags.out) await writePolicies(plan, flags.out);
    if (flags.format === 'json') process.stdout.write(renderJson(plan));
    else if (flags.format === 'markdown') process.stdout.write(renderMarkdown(plan));
    else process.stdout.write(renderText(plan, { color: useColor(process.stdout), verbose: flags.verbose }));
    if (flags['detailed-exitcode'] && hasPendingChanges(plan)) this.exit(2);
  }

  protected override async catch(err: Error): Promise<void> {
    const { message, exitCode } = describeError(err, useColor(process.stderr));
    process.stderr.write(message);
    process.exitCode = exitCode;
    // `this.exit()` arrives here too: only a real failure is reported.
    const own = (err as { oclif?: { exit?: number } }).oclif?.exit !== undefined && /^EEXIT: \d+$/.test(err.message);
    if (this.jsonOutput && !own && exitCode !== 0) process.stdout.write(renderJsonErrors(diagnosticsOfError(err)));
  }
}

async function writePolicies(plan: PlanData, dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  for (const c of plan.changes) {
    if (c.action === 'delete') continue;
    if (isKind(c, 'iam-policy')) {
      await fs.writeFile(path.join(dir, `${c.after.policyName}.json`), `${JSON.stringify(c.after.document, null, 2)}\n`);
    } else if (isKind(c, 'msk-cluster-policy')) {
      await fs.writeFile(path.join(dir, 'msk-cluster-policy.json'), `${JSON.stringify(c.after.document, null, 2)}\n`);
    }
  }
}
