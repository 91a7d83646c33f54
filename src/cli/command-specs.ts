import { SpecmeshError } from '../core/errors.js';
import type { KafkaVariant } from '../spec/kafka-variant.js';
import { loadSpecs, type LoadOptions, type LoadResult } from '../spec/load/load-specs.js';
import { formatDiagnostics, useColor } from './report.js';

/** The spec flags every command shares (`specFlags`), as they arrive after the config file. */
export interface SpecFlagValues {
  spec?: string[] | undefined;
  env?: string | undefined;
  'kafka-variant'?: string | undefined;
  'cache-dir'?: string | undefined;
  'no-cache'?: boolean | undefined;
  verbose?: boolean | undefined;
}

/** How the spec flags load specs. */
export function specLoadOptions(flags: SpecFlagValues): LoadOptions {
  return {
    ...(flags.env !== undefined ? { env: flags.env } : {}),
    ...(flags['kafka-variant'] ? { kafkaVariant: flags['kafka-variant'] as KafkaVariant } : {}),
    ...(flags['no-cache'] ? { cacheDir: false as const } : flags['cache-dir'] ? { cacheDir: flags['cache-dir'] } : {}),
  };
}

/** The specs a command was given; none is an error naming the fix. */
export function requireSpecs(command: string, spec: readonly string[] | undefined): string[] {
  if (!spec?.length) throw new SpecmeshError(`${command} needs specs`, { fix: 'Pass --spec <file|folder|glob>, or set `spec:` in specmesh.config.yaml.' });
  return [...spec];
}

/**
 * Loads the specs an offline command works on and prints their diagnostics on stderr, as
 * `validate` does; the caller exits 1 when `ok` is false. No specs given is an error naming the fix.
 */
export async function loadCommandSpecs(command: string, flags: SpecFlagValues): Promise<LoadResult> {
  const result = await loadSpecs(requireSpecs(command, flags.spec), specLoadOptions(flags));
  process.stderr.write(formatDiagnostics(result.diagnostics, { verbose: flags.verbose ?? false, color: useColor(process.stderr) }));
  return result;
}
