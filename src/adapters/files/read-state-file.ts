import { promises as fs } from 'node:fs';
import { parse } from 'yaml';
import type { AclBinding } from '../../acl/acl-binding.js';
import { InvalidInputError } from '../../core/errors.js';
import { error, type Diagnostic } from '../../core/diagnostic.js';
import type { LiveIamPolicy, LiveState, LiveTopic } from '../../state/live-state.js';

const ACL_FIELDS: Record<keyof AclBinding, readonly string[] | undefined> = {
  resourceType: ['TOPIC', 'GROUP', 'CLUSTER', 'TRANSACTIONAL_ID'],
  resourceName: undefined,
  patternType: ['LITERAL', 'PREFIXED'],
  principal: undefined,
  host: undefined,
  operation: ['ALL', 'READ', 'WRITE', 'CREATE', 'DELETE', 'ALTER', 'DESCRIBE', 'CLUSTER_ACTION', 'DESCRIBE_CONFIGS', 'ALTER_CONFIGS', 'IDEMPOTENT_WRITE'],
  permission: ['ALLOW', 'DENY'],
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads a live-state snapshot (`--state`): `{ topics: [...], acls: [...], iamPolicies: [...] }`,
 * JSON or YAML. Every malformed entry is reported (all of them, with the fix), never half-read.
 */
export async function readStateFile(file: string): Promise<LiveState> {
  const problems: Diagnostic[] = [];
  const report = (summary: string, fix: string): void => { problems.push(error('state-file', summary, { file }, fix)); };
  const fail = (summary: string, fix: string): never => {
    report(summary, fix);
    throw new InvalidInputError(problems, summary);
  };
  const text = await fs.readFile(file, 'utf8').catch(() => fail(`Cannot read state file ${file}`, 'Check the path passed to --state.'));
  let data: unknown;
  // JSON (a .json file, or text that opens like JSON) is read as JSON, so a break is reported where
  // it is; YAML would take much broken JSON for a plain string.
  if (file.endsWith('.json') || /^\s*[{[]/.test(text)) {
    try {
      data = JSON.parse(text);
    } catch (e) {
      const at = jsonErrorAt(text);
      const problem = (e as Error).message.split('\n')[0]!.replace(/ in JSON at position \d+.*$/, '');
      problems.push(error('state-file', `State file ${file} is not valid JSON at line ${at.line}, column ${at.column}: ${problem}`,
        { file, line: at.line, column: at.column }, 'Fix the JSON there: { "topics": [...], "acls": [...] }.'));
      throw new InvalidInputError(problems, 'invalid state file');
    }
  } else try {
    data = parse(text);
  } catch (e) {
    fail(`State file ${file} is not valid JSON or YAML: ${(e as Error).message.split('\n')[0]}`, 'Write the snapshot as JSON: { "topics": [...], "acls": [...] }.');
  }
  if (!isObj(data)) fail(`State file ${file} must hold an object`, 'Write the snapshot as JSON: { "topics": [...], "acls": [...] }.');
  const state = data as Obj;
  const list = (key: string): unknown[] => {
    const v = state[key];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      report(`State file ${file}: "${key}" must be a list`, `Make "${key}" a JSON array.`);
      return [];
    }
    return v;
  };

  const topics: LiveTopic[] = [];
  list('topics').forEach((t, i) => {
    if (!isObj(t) || typeof t['name'] !== 'string' || !Number.isInteger(t['partitions']) || (t['partitions'] as number) < 1) {
      report(`State file ${file}: topics[${i}] needs a "name" and whole-number "partitions" (got ${JSON.stringify(t)})`,
        'Give each topic { "name": "…", "partitions": 3, "replicationFactor": 3, "configs": {} }.');
      return;
    }
    if (t['configs'] !== undefined && !isObj(t['configs'])) {
      report(`State file ${file}: topics[${i}] ("${t['name']}") has "configs" that are not an object`, 'Write "configs" as { "name": "value" }.');
      return;
    }
    const rf = t['replicationFactor'];
    topics.push({
      name: t['name'], partitions: t['partitions'] as number,
      // Unknown (0) when the snapshot does not say: then no replication-factor difference is reported.
      replicationFactor: Number.isInteger(rf) ? (rf as number) : 0,
      configs: Object.fromEntries(Object.entries((t['configs'] ?? {}) as Obj).map(([k, v]) => [k, String(v)])),
    });
  });

  const acls: AclBinding[] = [];
  list('acls').forEach((b, i) => {
    const bad = isObj(b) ? Object.entries(ACL_FIELDS).filter(([k, allowed]) => typeof b[k] !== 'string' || (allowed && !allowed.includes(b[k] as string))).map(([k]) => k) : ['(not an object)'];
    if (bad.length > 0) {
      report(`State file ${file}: acls[${i}] has a missing or unknown ${bad.join(', ')}`,
        'Give each binding resourceType, resourceName, patternType, principal, host, operation and permission with Kafka\'s enum names (e.g. "TOPIC", "PREFIXED", "READ", "ALLOW").');
      return;
    }
    acls.push(Object.fromEntries(Object.keys(ACL_FIELDS).map((k) => [k, (b as Obj)[k]])) as unknown as AclBinding);
  });

  const iamPolicies: LiveIamPolicy[] = [];
  list('iamPolicies').forEach((p, i) => {
    if (!isObj(p) || typeof p['principal'] !== 'string' || typeof p['policyName'] !== 'string' || !isObj(p['document'])) {
      report(`State file ${file}: iamPolicies[${i}] needs "principal", "policyName" and a "document" object`,
        'Give each policy { "principal": "<role ARN>", "policyName": "…", "document": { "Version": "2012-10-17", "Statement": [] } }.');
      return;
    }
    iamPolicies.push({ principal: p['principal'], policyName: p['policyName'], document: p['document'] });
  });

  const cluster = state['mskClusterPolicy'];
  if (cluster !== undefined && !(isObj(cluster) && isObj(cluster['document']))) {
    report(`State file ${file}: "mskClusterPolicy" needs a "document" object`, 'Write it as { "document": { "Version": "2012-10-17", "Statement": [] } }.');
  }
  if (problems.length > 0) throw new InvalidInputError(problems, problems[0]!.summary);
  return {
    topics, acls, iamPolicies,
    ...(isObj(cluster) ? { mskClusterPolicy: cluster as { document: unknown } } : {}),
  };
}

/**
 * The 1-based line and column where JSON text breaks: the offset a small recursive-descent scan
 * stops at (JSON.parse's own message gives no position on Node 20 for many errors).
 */
function jsonErrorAt(text: string): { line: number; column: number } {
  let i = 0;
  const ws = (): void => { while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++; };
  const fail = (): never => { throw i; };
  const expect = (c: string): void => { ws(); if (text[i] !== c) fail(); i++; };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++; ws();
      if (text[i] === '}') { i++; return; }
      for (;;) { ws(); if (text[i] !== '"') fail(); string(); expect(':'); value(); ws(); if (text[i] === ',') { i++; continue; } expect('}'); return; }
    }
    if (c === '[') {
      i++; ws();
      if (text[i] === ']') { i++; return; }
      for (;;) { value(); ws(); if (text[i] === ',') { i++; continue; } expect(']'); return; }
    }
    if (c === '"') { string(); return; }
    const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  const string = (): void => {
    i++;
    while (i < text.length && text[i] !== '"') { if (text[i] === '\\') i++; if (text[i] === '\n') fail(); i++; }
    if (i >= text.length) fail();
    i++;
  };
  let at = text.length;
  try { value(); ws(); if (i < text.length) at = i; } catch (stop) { at = typeof stop === 'number' ? stop : text.length; }
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
