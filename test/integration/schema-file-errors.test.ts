// Mistakes in schema files are reported where they are: at the schema file's own line and column,
// with the spec's `$ref` that reached the file in the message. `plan` against the real registry,
// as a user runs it.
import { describe, expect, inject, it } from 'vitest';
import { writeTempFiles } from '../support/temp-specs.js';
import { runCli } from './support/cli.js';

const registry = inject('schemaRegistry');

const channel = (name: string, payload: string, format = 'application/vnd.apache.avro+json;version=1.9.0') => `  _public.${name}:
    publish:
      message:
        schemaFormat: '${format}'
        payload:
          $ref: schema/${payload}
`;

const files = {
  'errors-api.yaml': `asyncapi: '2.6.0'
id: 'urn:acme.errors'
info: { title: errors, version: '1' }
channels:
${channel('typo', 'typo.avsc')}${channel('bad_default', 'default.avsc')}${channel('duplicate', 'duplicate.avsc')}${channel('syntax', 'syntax.avsc')}${channel('json', 'broken.json', 'application/schema+json;version=draft-07')}${channel('nested', 'acme.errors.Root.avsc')}`,
  'schema/typo.avsc': `{
  "type": "record", "name": "Typo", "namespace": "acme.errors",
  "fields": [
    { "name": "price", "type": "dobule" }
  ]
}
`,
  'schema/default.avsc': `{
  "type": "record", "name": "Defaulted", "namespace": "acme.errors",
  "fields": [
    { "name": "count", "type": "int", "default": "none" }
  ]
}
`,
  'schema/duplicate.avsc': `{
  "type": "record", "name": "Twice", "namespace": "acme.errors",
  "fields": [
    { "name": "id", "type": "string" },
    { "name": "id", "type": "long" }
  ]
}
`,
  'schema/syntax.avsc': '{\n  "type": "record",\n  "name": "Broken"\n  "fields": []\n}\n',
  'schema/broken.json': '{\n  "type": "object",\n  "properties": { "a": { "type": "string" }, }\n}\n',
  'schema/acme.errors.Root.avsc': '{"type": "record", "name": "Root", "namespace": "acme.errors", "fields": [{"name": "inner", "type": "Inner"}]}\n',
  'schema/acme.errors.Inner.avsc': '{"type": "record", "name": "Inner", "namespace": "acme.errors",\n "fields": [{"name": "when", "type": "lnog"}]}\n',
};

describe('schema file errors point into the schema file', () => {
  it('reports each at the schema file\'s line and column, with the $ref that reached it, and an unknown type as unknown', async () => {
    const dir = writeTempFiles(files);
    const r = await runCli(['plan', '--spec', dir, '--schema-registry-url', registry.url]);
    expect(r.code).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => l.includes(': error: '));
    // Files are shown relative to where the CLI runs (here, the repository).
    const at = (prefix: string) => errors.find((l) => l.includes(`/${prefix}`)) ?? `(no error starting ${prefix})`;

    expect(at('schema/typo.avsc:4:32: error: Unknown type "dobule"')).toContain('(did you mean "double"?)');
    expect(at('schema/typo.avsc:4:32:')).toMatch(/used by the value schema of topic "acme\.errors\._public\.typo" through the `\$ref` at \S*errors-api\.yaml:10:\d+/);
    expect(at('schema/typo.avsc:4:32:')).toContain('[schema-unknown-type]');
    expect(r.stderr).not.toContain('acme.errors.dobule.avsc does not exist');

    expect(at('schema/default.avsc:4:50: error:')).toContain('The default of field "count" in record "acme.errors.Defaulted", "none", is not a valid int');
    expect(at('schema/duplicate.avsc:5:15: error:')).toContain('Field "id" is defined twice in record "acme.errors.Twice"');
    expect(at('schema/syntax.avsc:4:3: error:')).toContain('Comma expected');
    expect(at('schema/broken.json:3:46: error:')).toContain('Property name expected');
    expect(at('schema/acme.errors.Inner.avsc:2:38: error: Unknown type "lnog"')).toContain('(did you mean "long"?) (reached through acme.errors.Root.avsc → acme.errors.Inner.avsc)');

    // Each mistake once, and none of them at the spec.
    expect(errors).toHaveLength(6);
    expect(errors.filter((l) => /^\S*errors-api\.yaml:\d/.test(l))).toEqual([]);
  });

  it('prints them as JSON on stdout with --format json, exit code 1', async () => {
    const dir = writeTempFiles(files);
    const r = await runCli(['plan', '--spec', dir, '--schema-registry-url', registry.url, '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { formatVersion: number; errors: Record<string, unknown>[] };
    expect(doc.formatVersion).toBe(1);
    expect(doc.errors).toHaveLength(6);
    for (const e of doc.errors) expect(Object.keys(e).sort()).toEqual(['code', 'column', 'file', 'fix', 'line', 'summary']);
    const typo = doc.errors.find((e) => String(e['file']).endsWith('schema/typo.avsc'));
    expect(typo).toMatchObject({ code: 'schema-unknown-type', line: 4, column: 32, summary: expect.stringContaining('Unknown type "dobule"'), fix: expect.stringContaining('Avro type') });
  });
});
