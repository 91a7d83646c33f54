import { errorAsJson, wantsJson } from './json-failure.js';
import { Command } from './oclif.js';
import { describeError, useColor } from './report.js';

/**
 * Every specmesh command: a failure is one clear message on stderr (file, line and fix where
 * there are some) with its exit code, never a stack trace. Commands whose `--format json` output
 * is for machines also write the failure as the JSON failure document on stdout.
 */
export abstract class SpecmeshCommand extends Command {
  /** Whether `--format json` failures are written as JSON on stdout too. */
  protected readonly jsonFailures: boolean = false;

  /**
   * The settings a config file may hold: the flags of every specmesh command, since one file
   * serves them all (a command ignores those it does not use).
   */
  protected get configSettings(): Set<string> {
    return new Set(this.config.commands.filter((c) => c.pluginType === 'core').flatMap((c) => Object.keys(c.flags)));
  }

  protected override async catch(err: Error): Promise<void> {
    const { message, exitCode } = describeError(err, useColor(process.stderr));
    if (this.jsonFailures && wantsJson(this.argv) && exitCode !== 0 && !/^EEXIT/.test(err.message)) process.stdout.write(errorAsJson(err));
    process.stderr.write(message);
    process.exitCode = exitCode;
  }
}
