import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { KafkaTestInfo } from '../../servers/kafka-admin-tools.js';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
export const BIN = path.join(root, 'bin/run.js');

export interface CliResult { code: number; stdout: string; stderr: string }

/** Runs the built CLI as a user would. */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], {
      env: { ...process.env, NO_COLOR: '1', SPECMESH_CACHE_DIR: path.join(root, '.cache', 'test-spec-cache'), ...env },
      maxBuffer: 64 << 20,
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

/** Connection flags and env for the test broker's SCRAM listener, as the admin. */
export function adminConnection(kafka: KafkaTestInfo): { args: string[]; env: Record<string, string> } {
  return {
    args: ['--bootstrap-server', kafka.bootstrap, '--security-protocol', 'SASL_PLAINTEXT', '--sasl-mechanism', 'SCRAM-SHA-512', '--sasl-username', kafka.adminUser],
    env: { SPECMESH_SASL_PASSWORD: kafka.adminPassword },
  };
}
