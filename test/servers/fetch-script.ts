import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPTS = fileURLToPath(new URL('../../scripts/', import.meta.url));

/**
 * Runs an idempotent fetch/install script from scripts/ and returns the path it prints last,
 * once `ready(path)` confirms it; otherwise fails with the script's stderr.
 */
export function runFetchScript(script: string, args: readonly string[], ready: (path: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(SCRIPTS, script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const path = out.trim().split('\n').pop() ?? '';
      if (code === 0 && path && ready(path)) resolve(path);
      else reject(new Error(`scripts/${[script, ...args].join(' ')} failed (exit ${code}):\n${err.trim()}`));
    });
  });
}
