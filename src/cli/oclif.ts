import { createRequire } from 'node:module';
import type * as OclifCore from '@oclif/core';

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
    const [name = '', ...rest] = (notFound[1] ?? '').split(':');
    const known = config.findCommand(name);
    const bin = config.bin;
    const usage = known
      ? `error: unexpected argument ${JSON.stringify(rest.join(' '))} for ${name}\nUsage: ${bin} ${name} --spec <file|folder|glob> [flags]   (flags take their values: --spec ${rest.join(' ') || '…'})\n${bin} ${name} --help lists every flag.\n`
      : `error: unknown command ${JSON.stringify(notFound[1]?.replace(/:/g, ' '))}\nUsage: ${bin} <command> [flags]\nCommands:\n${config.commands.filter((c) => !c.hidden).map((c) => `  ${c.id.padEnd(12)}${c.summary ?? ''}`).join('\n')}\n${bin} <command> --help lists its flags.\n`;
    process.stderr.write(usage);
    process.exitCode = 1;
  }
}
