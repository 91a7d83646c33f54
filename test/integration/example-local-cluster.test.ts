// examples/local-cluster.test.ts is another team's vitest suite using 'specmesh/local' by its
// package name: run here with vitest as that team runs it, it starts a cluster of its own,
// produces as the owner, is refused a private topic as another domain, and leaves nothing behind.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI_TIMEOUT_MS, trackCli, type CliResult } from './support/cli.js';
import { localEnv, processesNaming } from './support/local-env.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VITEST = path.join(root, 'node_modules/vitest/vitest.mjs');

function runExample(env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [VITEST, 'run', '--root', 'examples', 'local-cluster.test.ts', '--reporter', 'verbose', '--no-cache'],
      { cwd: root, env, timeout: CLI_TIMEOUT_MS, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
    trackCli(child);
  });
}

describe('examples/local-cluster.test.ts (startLocalCluster in another suite)', () => {
  it('passes for real against the cluster it starts, and stops and deletes it afterwards', async () => {
    const { tmp, env } = await localEnv({ NO_COLOR: '1', CI: 'true' });
    const r = await runExample(env);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/✓ .*publishes an order as the orders domain/);
    expect(r.stdout).toMatch(/✓ .*refuses the payments domain orders' private topic/);
    expect(r.stdout).toMatch(/Tests +2 passed \(2\)/);
    expect(readdirSync(tmp).filter((f) => f.startsWith('orders-kafka-'))).toEqual([]);
    expect(processesNaming(path.join(tmp, 'orders-kafka-'))).toEqual([]);
  });
});
