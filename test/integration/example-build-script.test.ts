// The build script in examples/ uses the library by its package name, as another project would:
// it plans and provisions against the real broker, and a second run has nothing to do.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KafkajsAdmin } from '../../src/adapters/kafka/kafkajs-admin.js';
import { readLiveState } from '../../src/orchestrate/read-live-state.js';
import { kafkajsConfig } from '../servers/kafka-admin-tools.js';
import { writeTempFiles } from '../support/temp-specs.js';
import { cliEnv, CLI_TIMEOUT_MS } from './support/cli.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SCRIPT = path.join(root, 'examples/build-script.mjs');
const kafka = inject('kafka');

function runScript(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, ...args], {
      cwd: root,
      timeout: CLI_TIMEOUT_MS,
      env: cliEnv({
        SPECMESH_BOOTSTRAP_SERVERS: kafka.bootstrap, SPECMESH_SECURITY_PROTOCOL: 'SASL_PLAINTEXT', SPECMESH_SASL_MECHANISM: 'SCRAM-SHA-512',
        SPECMESH_SASL_USERNAME: kafka.adminUser, SPECMESH_SASL_PASSWORD: kafka.adminPassword,
      }),
    }, (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }));
  });
}

const tag = `ex${randomBytes(3).toString('hex')}`;
const orders = `${tag}.retail.orders`;
let admin: KafkajsAdmin;
let dir: string;

beforeAll(async () => {
  admin = new KafkajsAdmin(kafkajsConfig(kafka, { clientId: 'specmesh-example-it' }));
  await admin.connect();
  dir = writeTempFiles({
    'orders-api.yaml': `asyncapi: '2.6.0'
id: 'urn:${orders}'
info: { title: Orders, version: '1' }
channels:
  _public.order_placed:
    bindings: { kafka: { partitions: 2 } }
    publish: { message: { payload: { type: object } } }
  _private.order_state:
    publish: { message: { payload: { type: object } } }
`,
  });
});

afterAll(async () => {
  await admin?.disconnect();
});

describe('examples/build-script.mjs (the library by its package name)', () => {
  it('plans and provisions the specs on the real broker, then finds nothing to do', async () => {
    const first = await runScript([dir]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`+ topic ${orders}._public.order_placed`);
    expect(first.stdout).toMatch(/Apply: \d+ ok, 0 failed/);

    const live = await readLiveState(admin, [orders]);
    expect(live.topics?.map((t) => t.name).sort()).toEqual([`${orders}._private.order_state`, `${orders}._public.order_placed`]);
    expect(live.topics?.find((t) => t.name.endsWith('order_placed'))?.partitions).toBe(2);
    expect(live.acls?.filter((b) => b.principal === `User:${orders}`).length).toBeGreaterThan(0);

    const again = await runScript([dir]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('No changes. The cluster matches the specs.');
  });

  it('stops at an invalid spec with its file and line, and changes nothing', async () => {
    const bad = writeTempFiles({ 'bad-api.yaml': `asyncapi: '2.6.0'\nid: 'urn:${tag}.bad'\ninfo: { title: Bad, version: '1' }\nchannels:\n  _public.x:\n    bindings: { kafka: { partitions: 0 } }\n    publish: { message: { payload: { type: object } } }\n` });
    const r = await runScript([bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad-api\.yaml:\d+: .*partitions/);
    expect((await readLiveState(admin, [`${tag}.bad`])).topics).toEqual([]);
  });
});
