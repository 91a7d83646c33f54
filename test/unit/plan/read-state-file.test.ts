import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../../src/core/errors.js';
import { readStateFile } from '../../../src/adapters/files/read-state-file.js';
import { writeTempFiles } from '../../support/temp-specs.js';

const stateFile = (content: unknown): string => path.join(writeTempFiles({ 'state.json': JSON.stringify(content) }), 'state.json');
const problemsOf = async (content: unknown): Promise<string[]> => {
  const e = await readStateFile(stateFile(content)).then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(InvalidInputError);
  const diagnostics = (e as InvalidInputError).diagnostics;
  for (const d of diagnostics) expect(d.fix).toBeTruthy();
  return diagnostics.map((d) => d.summary);
};

describe('reading a --state snapshot', () => {
  it('reports every malformed entry at once, naming it, instead of failing inside the planner', async () => {
    const problems = await problemsOf({
      topics: [null, { name: 't', partitions: 'many' }],
      acls: [null, { resourceType: 'TOPIC', patternType: 'PREFIXED' }, { resourceType: 'TOPIC', resourceName: 'x', patternType: 'FUZZY', principal: 'User:a', host: '*', operation: 'READ', permission: 'ALLOW' }],
      iamPolicies: [null],
    });
    expect(problems).toHaveLength(6);
    expect(problems[0]).toMatch(/topics\[0\]/);
    expect(problems[1]).toMatch(/topics\[1\]/);
    expect(problems[3]).toMatch(/acls\[1\] has a missing or unknown resourceName, principal, host, operation, permission/);
    expect(problems[4]).toMatch(/acls\[2\] has a missing or unknown patternType/);
    expect(problems[5]).toMatch(/iamPolicies\[0\]/);
  });

  it('reads a well-formed snapshot, leaving an unknown replication factor unknown', async () => {
    const state = await readStateFile(stateFile({
      topics: [{ name: 'a._public.x', partitions: 3, configs: { 'retention.ms': 1000 } }],
      acls: [{ resourceType: 'TOPIC', resourceName: 'a._public.', patternType: 'PREFIXED', principal: 'User:*', host: '*', operation: 'READ', permission: 'ALLOW', extra: 1 }],
    }));
    expect(state.topics).toEqual([{ name: 'a._public.x', partitions: 3, replicationFactor: 0, configs: { 'retention.ms': '1000' } }]);
    expect(state.acls).toEqual([{ resourceType: 'TOPIC', resourceName: 'a._public.', patternType: 'PREFIXED', principal: 'User:*', host: '*', operation: 'READ', permission: 'ALLOW' }]);
  });

  it('says where invalid JSON is broken, by line and column, not that the file must hold an object', async () => {
    const file = path.join(writeTempFiles({ 'state.json': '{\n  "topics": [],\n  "acls": [}\n' }), 'state.json');
    const e = await readStateFile(file).then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(InvalidInputError);
    const [d] = (e as InvalidInputError).diagnostics;
    expect(d?.summary).toMatch(/is not valid JSON at line 3, column 12/);
    expect(d?.summary).not.toContain('must hold an object');
    expect(d?.location).toMatchObject({ line: 3, column: 12 });
  });
});
