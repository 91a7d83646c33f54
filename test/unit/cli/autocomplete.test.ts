import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { writeTempFiles } from '../../support/temp-specs.js';

// Shell completion through oclif's autocomplete plugin: the completions a user's shell gets.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(root, 'bin/run.js');
const run = promisify(execFile);

describe('shell completion', () => {
  it('completes commands and their flags in bash', async () => {
    const home = writeTempFiles({});
    const env = { ...process.env, HOME: home, XDG_CACHE_HOME: path.join(home, '.cache') };
    // `specmesh autocomplete bash` builds the completions and says how to install them.
    const instructions = await run(process.execPath, [bin, 'autocomplete', 'bash'], { cwd: root, env });
    expect(instructions.stdout).toContain('specmesh autocomplete script bash');
    const setup = await run(process.execPath, [bin, 'autocomplete', 'script', 'bash'], { cwd: root, env });
    expect(setup.stdout).toContain('SPECMESH_AC_BASH_SETUP_PATH=');
    const setupPath = /SPECMESH_AC_BASH_SETUP_PATH=(\S+?) &&/.exec(setup.stdout)?.[1];
    expect(setupPath).toBeDefined();
    expect(readFileSync(setupPath!, 'utf8')).toContain('source');

    // What bash offers after `specmesh p<TAB>` and `specmesh plan --det<TAB>`.
    const complete = async (words: string[]): Promise<string[]> => {
      const script = `source "${setupPath}"; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; COMP_LINE='${words.join(' ')}'; _specmesh_autocomplete; printf '%s\\n' "\${COMPREPLY[@]}"`;
      const { stdout } = await run('bash', ['-c', script], { env });
      return stdout.split('\n').filter(Boolean).sort();
    };
    expect(await complete(['specmesh', 'p'])).toEqual(['plan', 'provision']);
    expect(await complete(['specmesh', 'va'])).toEqual(['validate']);
    expect(await complete(['specmesh', 'plan', '--det'])).toEqual(['--detailed-exitcode']);
    expect(await complete(['specmesh', 'provision', '--auto'])).toEqual(['--auto-approve']);
  });
});
