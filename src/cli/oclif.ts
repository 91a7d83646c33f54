import { createRequire } from 'node:module';
import type * as OclifCore from '@oclif/core';
import { renderUnknownCommand } from './unknown-command.js';

/**
 * oclif, from the single file the build bundles it into (dist/vendor/oclif-core.cjs): one file
 * instead of some 350 modules and their resolution, which is most of what a CLI start costs.
 * Run from the sources (tests), there is no bundle, and the package itself is used.
 */
const require = createRequire(import.meta.url);
function loadOclif(): typeof OclifCore {
  try {
    return require('../vendor/oclif-core.cjs') as typeof OclifCore;
  } catch (e) {
    if ((e as { code?: string }).code !== 'MODULE_NOT_FOUND') throw e;
    return require('@oclif/core') as typeof OclifCore;
  }
}

const oclif = loadOclif();
export const Command = oclif.Command;
export type Command = OclifCore.Command;
export const Flags = oclif.Flags;
export const execute = oclif.execute;
export const settings = oclif.settings;

/**
 * The CLI's entry: oclif's, with the habits a new user expects. `-h` is `--help`; an unknown
 * command, or a stray argument (`plan specs/`, which oclif takes for a command `plan:specs/`),
 * is a usage error: exit 1 with the usage, never the 2 that means "changes pending".
 */
export async function main(dir: string, argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const args = argv.map((a) => (a === '-h' ? '--help' : a));
  oclif.settings.enableAutoTranspile = false;
  try {
    await oclif.run(args, dir);
    await oclif.flush();
  } catch (err) {
    const notFound = /^command (\S+) not found/.exec((err as { message?: string }).message ?? '');
    if (!notFound) return oclif.handle(err as Error);
    const config = await oclif.Config.load(dir);
    const words = (notFound[1] ?? '').split(':');
    // The longest leading words that name a command: `local start foo` is `local start` and a stray `foo`.
    const cut = words.map((_, i) => words.length - i).find((n) => config.findCommand(words.slice(0, n).join(':')));
    const bin = config.bin;
    const name = cut ? words.slice(0, cut).join(' ') : '';
    const rest = cut ? words.slice(cut) : [];
    const takesSpec = cut !== undefined && 'spec' in (config.findCommand(words.slice(0, cut).join(':'))?.flags ?? {});
    const usage = cut
      ? takesSpec
        ? `error: unexpected argument ${JSON.stringify(rest.join(' '))} for ${name}\nUsage: ${bin} ${name} --spec <file|folder|glob> [flags]   (flags take their values: --spec ${rest.join(' ') || '…'})\n${bin} ${name} --help lists every flag.\n`
        : `error: unexpected argument ${JSON.stringify(rest.join(' '))} for ${name}\nUsage: ${bin} ${name} [flags]\n${bin} ${name} --help lists every flag.\n`
      : renderUnknownCommand(notFound[1] ?? '', config.commands, bin);
    process.stderr.write(usage);
    process.exitCode = 1;
  }
}
