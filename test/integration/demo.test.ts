// `npm run demo` as a newcomer runs it: a cluster of its own in a temp folder, the example specs
// provisioned, each domain's access proved with real clients, then everything stopped and deleted
// (also on Ctrl-C); without Java it says what to install and shows the offline plan.
import { execFile, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI_TIMEOUT_MS, trackCli, type CliResult } from './support/cli.js';
import { localEnv, processesNaming } from './support/local-env.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEMO = path.join(root, 'scripts/demo.mjs');

function runDemo(env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [DEMO], { cwd: root, env, timeout: CLI_TIMEOUT_MS, killSignal: 'SIGKILL' }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
    trackCli(child);
  });
}

describe('npm run demo', () => {
  it('proves each domain gets what the specs grant and nothing else, then leaves nothing running or on disk', async () => {
    const { tmp, env } = await localEnv();
    const r = await runDemo(env);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/Plan: 74 to create, 0 to update, 0 to delete, 0 unchanged\. Applied: 74 ok, 0 failed\./);
    const row = (as: string, action: string, result: string) =>
      new RegExp(`^${as.replaceAll('.', '\\.')} +${action.replaceAll('.', '\\.')} +.+  ${result.replace(/[()]/g, '\\$&')}$`, 'm');
    expect(r.stdout).toMatch(/^as domain +action +specs say +result$/m);
    expect(r.stdout).toMatch(row('acme.retail.orders', 'produce acme.retail.orders._public.order_placed', 'allowed'));
    expect(r.stdout).toMatch(row('acme.retail.payments', 'consume acme.retail.orders._protected.order_paid', 'allowed'));
    expect(r.stdout).toMatch(row('acme.retail', 'consume acme.retail.orders._public.order_placed', 'allowed'));
    expect(r.stdout).toMatch(row('acme.retail.payments', 'produce acme.retail.orders._public.order_placed', 'refused (TOPIC_AUTHORIZATION_FAILED)'));
    expect(r.stdout).toMatch(row('acme.retail.payments', 'consume acme.retail.orders._private.order_state', 'refused (TOPIC_AUTHORIZATION_FAILED)'));
    expect(r.stdout).toMatch(row('acme.retail', 'consume acme.retail.orders._protected.order_paid', 'refused (TOPIC_AUTHORIZATION_FAILED)'));
    expect(r.stdout).not.toContain('expected');
    expect(r.stdout).toMatch(/^Timings: start \d+\.\d s, provision \d+\.\d s, access checks \d+\.\d s, total \d+\.\d s \(stop included\)\.$/m);
    expect(r.stdout).toMatch(/^Broker memory: \d+ MiB resident\.$/m);
    expect(r.stdout).toContain('All 7 results are what the specs grant. The cluster is stopped and its temp folder deleted.');
    expect(readdirSync(tmp)).toEqual([]);
    expect(processesNaming(path.join(tmp, 'specmesh-demo-'))).toEqual([]);
  });

  it('on Ctrl-C while the broker starts, stops it and deletes its folder', async () => {
    const { tmp, env } = await localEnv();
    const child = spawn(process.execPath, [DEMO], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    trackCli(child);
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) => {
      const onData = (d: Buffer) => {
        output += d.toString();
        if (output.includes('Starting Apache Kafka')) resolve();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
    });
    await new Promise((r) => setTimeout(r, 1_500));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(output).toMatch(/SIGINT: stopping the demo's cluster and deleting .*specmesh-demo-/);
    expect(output).not.toContain('The demo failed');
    expect(readdirSync(tmp)).toEqual([]);
    expect(processesNaming(path.join(tmp, 'specmesh-demo-'))).toEqual([]);
  });

  it('without Java or Maven, names what to install and shows the offline plan', async () => {
    const { tmp, env } = await localEnv({ SPECMESH_JAVA: '/nonexistent/java', SPECMESH_MVN: '/nonexistent/mvn', XDG_CACHE_HOME: '/nonexistent/cache' });
    const r = await runDemo(env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('The live demo runs Apache Kafka on this machine and needs Java 17+ and Maven:');
    expect(r.stdout).toContain('Java 17+: no Java found (ran `/nonexistent/java -version`).');
    expect(r.stdout).toContain('apt-get install openjdk-17-jre-headless');
    expect(r.stdout).toContain('Maven: no Maven found (ran `/nonexistent/mvn --version`)');
    expect(r.stdout).toContain('apt-get install maven');
    expect(r.stdout).toContain('specmesh plan: 3 specs (acme.retail.orders, acme.retail.payments, acme.retail) against an empty cluster (no connection)');
    expect(r.stdout).toContain('+ topic acme.retail.orders._public.order_placed');
    expect(readdirSync(tmp)).toEqual([]);
  });
});
