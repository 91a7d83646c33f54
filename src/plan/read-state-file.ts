import { promises as fs } from 'node:fs';
import { parse } from 'yaml';
import { InvalidInputError } from '../errors.js';
import { error } from '../spec/diagnostic.js';
import type { LiveState } from './live-state.js';

/** Reads a live-state snapshot (`--state`): `{ topics: [...], acls: [...], iamPolicies: [...] }`, JSON or YAML. */
export async function readStateFile(file: string): Promise<LiveState> {
  const fail = (summary: string, fix: string): never => {
    throw new InvalidInputError([error('state-file', summary, { file }, fix)], summary);
  };
  const text = await fs.readFile(file, 'utf8').catch(() => fail(`Cannot read state file ${file}`, 'Check the path passed to --state.'));
  let data: unknown;
  try {
    data = parse(text);
  } catch (e) {
    fail(`State file ${file} is not valid JSON or YAML: ${(e as Error).message.split('\n')[0]}`, 'Write the snapshot as JSON: { "topics": [...], "acls": [...] }.');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) fail(`State file ${file} must hold an object`, 'Write the snapshot as JSON: { "topics": [...], "acls": [...] }.');
  const state = data as Record<string, unknown>;
  for (const key of ['topics', 'acls', 'iamPolicies']) {
    if (state[key] !== undefined && !Array.isArray(state[key])) fail(`State file ${file}: "${key}" must be a list`, `Make "${key}" a JSON array.`);
  }
  const topics = (state['topics'] as Record<string, unknown>[] | undefined)?.map((t, i) => {
    if (typeof t['name'] !== 'string' || typeof t['partitions'] !== 'number') fail(`State file ${file}: topics[${i}] needs "name" and "partitions"`, 'Give each topic a name, partitions, replicationFactor and configs.');
    return { name: t['name'] as string, partitions: t['partitions'] as number, replicationFactor: Number(t['replicationFactor'] ?? -1),
      configs: Object.fromEntries(Object.entries((t['configs'] ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)])) };
  });
  return {
    topics: topics ?? [],
    acls: (state['acls'] as LiveState['acls']) ?? [],
    iamPolicies: (state['iamPolicies'] as LiveState['iamPolicies']) ?? [],
    ...(state['mskClusterPolicy'] ? { mskClusterPolicy: state['mskClusterPolicy'] as { document: unknown } } : {}),
  };
}
