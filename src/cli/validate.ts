import { Flags } from './oclif.js';
import { SpecmeshCommand } from './specmesh-command.js';
import { renderValidationJson } from '../render/render-diagnostics-json.js';
import { loadSpecs } from '../spec/load/load-specs.js';
import { terminalProgress } from './terminal-progress.js';
import { specFlags } from './flags.js';
import { withConfig } from './apply-config.js';
import { formatDiagnostics, useColor } from './report.js';
import { requireSpecs, specLoadOptions } from './command-specs.js';

export default class Validate extends SpecmeshCommand {
  protected override readonly jsonFailures = true;
  static override summary = 'Check AsyncAPI specs against the AsyncAPI schema and SpecMesh\'s naming and governance rules.';
  static override description = 'Reports every problem in every file together, each with file:line:column and the fix. Exit code 1 when any spec is invalid. Needs no cluster.';
  static override examples = ['<%= config.bin %> validate --spec specs/', '<%= config.bin %> validate --spec "specs/**/*-api.yaml" --kafka-variant msk-serverless'];
  static override flags = {
    ...specFlags,
    format: Flags.string({ char: 'f', summary: 'Output format: text, or json ({ formatVersion, valid, specs, errors, warnings }; each with file, line, column, rule, message and fix).', options: ['text', 'json'], default: 'text' }),
  };

  async run(): Promise<void> {
    const parsed = await this.parse(Validate);
    const flags = await withConfig(parsed.flags, parsed.metadata, Validate.flags, this.configSettings);
    const progress = terminalProgress(process.stderr, { machineOutput: flags.format === 'json' });
    const result = await loadSpecs(requireSpecs('validate', flags.spec), {
      ...(progress.listener ? { onProgress: progress.listener } : {}),
      ...specLoadOptions(flags),
    });
    progress.done();
    if (flags.format === 'json') {
      process.stdout.write(renderValidationJson(result, flags.verbose));
      if (!result.ok) this.exit(1);
      return;
    }
    process.stderr.write(formatDiagnostics(result.diagnostics, { verbose: flags.verbose, color: useColor(process.stderr) }));
    if (!result.ok) this.exit(1);
    process.stdout.write(`${result.files.length} spec${result.files.length === 1 ? '' : 's'} valid: ${result.domains.map((d) => d.id).join(', ')}\n`);
  }
}
