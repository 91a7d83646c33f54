import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { describeLocalCluster } from '../../../src/cli/local.js';
import type { LocalCluster } from '../../../src/local/local-cluster.js';
import { writeTempFiles } from '../../support/temp-specs.js';

// The built CLI (`npm test` builds first), against local cluster folders that are not running: no Kafka needed.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(SPECMESH_|AWS_)/.test(k)));

async function specmesh(args: string[], env: Record<string, string>, cwd: string) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [path.join(root, 'bin/run.js'), ...args], { cwd, env: { ...cleanEnv, NO_COLOR: '1', ...env } });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

/** A folder as `specmesh local stop` leaves it: the broker's files and credentials, no broker running. */
function stoppedClusterIn(dir: string): void {
  mkdirSync(path.join(dir, 'kafka'), { recursive: true });
  writeFileSync(path.join(dir, 'local.json'), JSON.stringify({ version: '3.9.1', domains: { 'acme.retail': 'secret' } }));
  writeFileSync(path.join(dir, 'kafka', 'kafka-server.json'), JSON.stringify({ version: '3.9.1', clusterId: 'x', port: 45391, controllerPort: 45392, adminPassword: 'secret' }));
  writeFileSync(path.join(dir, 'kafka', 'stopped'), '');
  writeFileSync(path.join(dir, 'admin.properties'), 'bootstrap.servers=127.0.0.1:45391\n');
}

describe('--profile local when the local cluster does not run', () => {
  it('says the cluster in its folder is stopped and how to start it, for plan, storage and consumption', async () => {
    const cwd = writeTempFiles({});
    const dir = path.join(cwd, 'my cluster');
    stoppedClusterIn(dir);
    for (const command of ['plan', 'storage', 'consumption']) {
      const r = await specmesh([command, '--spec', path.join(root, 'specs'), '--profile', 'local'], { SPECMESH_LOCAL_DIR: dir, HOME: path.join(cwd, 'home') }, cwd);
      expect({ command, code: r.code }).toEqual({ command, code: 1 });
      expect(r.stderr).toContain(`--profile local: the local cluster in '${dir}' is not running (it was stopped)`);
      expect(r.stderr).toContain(`Start it again with its data: \`specmesh local start --dir '${dir}'\``);
      expect(r.stderr).not.toContain('Cannot reach');
    }
  });

  it('says no cluster was ever started in the default folder, and how to start one or point at another', async () => {
    const cwd = writeTempFiles({});
    const state = path.join(cwd, 'state');
    const r = await specmesh(['plan', '--spec', path.join(root, 'specs'), '--profile', 'local'], { XDG_STATE_HOME: state, HOME: path.join(cwd, 'home') }, cwd);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`--profile local: no local cluster in ${path.join(state, 'specmesh', 'local')}: it was never started there`);
    expect(r.stderr).toContain('Start it: `specmesh local start --spec <specs>` (for one started with --dir, set SPECMESH_LOCAL_DIR=<its folder>)');
  });
});

describe('specmesh local hints', () => {
  it('after a stop, status names the folder in full and a start and purge that target it', async () => {
    const cwd = writeTempFiles({});
    stoppedClusterIn(path.join(cwd, 'local'));
    const r = await specmesh(['local', 'status', '--dir', 'local'], { HOME: path.join(cwd, 'home') }, cwd);
    expect(r.code).toBe(3);
    const dir = path.join(cwd, 'local');
    expect(r.stdout).toBe(
      `Stopped. Apache Kafka 3.9.1, data kept in ${dir}.\n\`specmesh local start --dir ${dir}\` starts it again with its data; \`specmesh local stop --purge --dir ${dir}\` deletes it.\n`,
    );
  });

  it('shows paths under the home folder as ~/…, and no --dir for the default folder', async () => {
    const home = writeTempFiles({});
    const state = path.join(home, '.local', 'state');
    stoppedClusterIn(path.join(state, 'specmesh', 'local'));
    const r = await specmesh(['local', 'status'], { HOME: home, XDG_STATE_HOME: state }, home);
    expect(r.stdout).toContain('data kept in ~/.local/state/specmesh/local.\n`specmesh local start` starts it again');
    const absent = await specmesh(['local', 'status', '--dir', 'elsewhere'], { HOME: home, XDG_STATE_HOME: state }, home);
    expect(absent.stdout).toBe('No local cluster in ~/elsewhere. Start one: specmesh local start --spec <specs> --dir ~/elsewhere\n');
  });

  it('tells how to plan against a cluster in a folder of its own: SPECMESH_LOCAL_DIR with the absolute folder', () => {
    const dir = path.join(writeTempFiles({}), 'cluster');
    const text = describeLocalCluster({
      started: true,
      version: '3.9.1',
      bootstrap: '127.0.0.1:45391',
      pid: 42,
      dir,
      adminProperties: path.join(dir, 'admin.properties'),
      domains: {},
    } as unknown as LocalCluster);
    expect(text).toContain(`Admin: --command-config ${path.join(dir, 'admin.properties')}\n`);
    expect(text).toContain(`Plan against it:  SPECMESH_LOCAL_DIR=${dir} specmesh plan --spec <specs> --profile local\n`);
    expect(text).toContain(`Stop it:          specmesh local stop --dir ${dir}   (data kept`);
  });
});
