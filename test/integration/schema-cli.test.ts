// `specmesh plan/provision --schema-registry-url` end to end: topics, ACLs and schemas in one plan,
// registered on provision, and an incompatible evolution stopping `plan` before anything is applied.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { writeTempFiles } from '../support/temp-specs.js';
import { adminConnection, runCli } from './support/cli.js';

const kafka = inject('kafka');
const registry = inject('schemaRegistry');
const domain = `sc${randomBytes(3).toString('hex')}.orders`;
const topic = `${domain}._public.order_placed`;
const schema = (fields: object[]) => JSON.stringify({ type: 'record', name: 'OrderPlaced', namespace: domain, fields });
const dir = writeTempFiles({
  'orders-api.yaml': `asyncapi: '2.6.0'
id: 'urn:${domain}'
info: { title: Orders, version: '1' }
channels:
  _public.order_placed:
    publish:
      message:
        payload: { $ref: schema/${topic}.avsc }
`,
  [`schema/${topic}.avsc`]: schema([{ name: 'id', type: 'string' }]),
});
const conn = adminConnection(kafka);
const registryArgs = ['--schema-registry-url', registry.url];
const cli = (cmd: string, ...extra: string[]) => runCli([cmd, '--spec', dir, ...conn.args, ...registryArgs, ...(cmd === 'provision' ? ['--auto-approve'] : []), ...extra], conn.env);

// One subject over time, in this order (registered, refused an incompatible evolution, then a
// compatible one), so never shuffled.
describe('schemas through the CLI', { shuffle: false }, () => {
  it('plans and registers the value schema with the topic and ACLs, then plans nothing', async () => {
    const planned = await cli('plan', '--format', 'json');
    expect(planned.code, planned.stderr).toBe(0);
    const changes = JSON.parse(planned.stdout).changes as { kind: string; id: string; action: string }[];
    expect(changes.filter((c) => c.kind === 'schema')).toEqual([expect.objectContaining({ id: `${topic}-value`, action: 'create' })]);
    // The topic comes before its schema in the plan (and so in the apply).
    const kinds = changes.map((c) => c.kind);
    expect(kinds).toContain('topic');
    expect(kinds.lastIndexOf('topic')).toBeLessThan(kinds.indexOf('schema'));

    const applied = await cli('provision');
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain(`ok      create schema ${topic}-value`);
    expect((await cli('plan', '--detailed-exitcode')).code).toBe(0);
  });

  it('fails plan on an incompatible evolution, naming the subject, and changes nothing', async () => {
    // BACKWARD: a new field without a default cannot read old records.
    writeFileSync(path.join(dir, 'schema', `${topic}.avsc`), schema([{ name: 'id', type: 'string' }, { name: 'total', type: 'long' }]));
    const planned = await cli('plan');
    expect(planned.code).toBe(1);
    expect(planned.stdout).toBe('');
    expect(planned.stderr).toContain(`${topic}-value`);
    expect(planned.stderr).toMatch(/incompatible|BACKWARD/i);
    const provisioned = await cli('provision');
    expect(provisioned.code).toBe(1);
    expect(provisioned.stdout).not.toContain('Apply:');

    const json = await cli('plan', '--format', 'json');
    expect(json.code).toBe(1);
    const { errors } = JSON.parse(json.stdout) as { errors: { code: string; summary: string; file: string; line: number }[] };
    expect(errors).toEqual([expect.objectContaining({ code: 'schema-incompatible', summary: expect.stringContaining(`subject "${topic}-value"`), file: expect.stringMatching(/orders-api\.yaml$/), line: 8 })]);
  });

  it('accepts a compatible evolution and registers it as a new version', async () => {
    writeFileSync(path.join(dir, 'schema', `${topic}.avsc`), schema([{ name: 'id', type: 'string' }, { name: 'total', type: 'long', default: 0 }]));
    const applied = await cli('provision');
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain(`ok      update schema ${topic}-value`);
    expect((await cli('plan', '--detailed-exitcode')).code).toBe(0);
  });
});
