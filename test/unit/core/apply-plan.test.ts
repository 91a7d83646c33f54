// applyPlan's guards, with in-memory appliers: one phase per run of (kind, delete or not) in plan
// order, no-ops and kinds nobody applies skipped, a throwing applier fails only its own phase, and
// an applier that loses or invents results is a bug that stops the run.
import { describe, expect, it } from 'vitest';
import type { AclBinding } from '../../../src/acl/acl-binding.js';
import { applyPlan, resultOf, type ChangeApplier, type ChangeResult } from '../../../src/core/apply-plan.js';
import { summarize, type Change, type ChangeAction, type ChangeKind, type Plan } from '../../../src/core/change.js';

const topicState = (name: string, partitions = 3) => ({ name, partitions, replicationFactor: 1, configs: {} as Record<string, string> });

function topic(action: ChangeAction, name: string): Change {
  switch (action) {
    case 'create': return { kind: 'topic', id: name, action, after: topicState(name) };
    case 'delete': return { kind: 'topic', id: name, action, before: topicState(name) };
    case 'no-op': return { kind: 'topic', id: name, action, before: topicState(name), after: topicState(name) };
    default: return { kind: 'topic', id: name, action, before: topicState(name), after: topicState(name, 6) };
  }
}

const binding = (principal: string, resourceName: string): AclBinding => ({
  resourceType: 'TOPIC', resourceName, patternType: 'LITERAL', principal, host: '*', operation: 'READ', permission: 'ALLOW',
});

function acl(action: 'create' | 'delete' | 'no-op', principal: string, topicName = 'acme.orders._public.placed'): Change {
  const b = binding(principal, topicName);
  const id = `${principal}|READ|${topicName}`;
  switch (action) {
    case 'create': return { kind: 'acl', id, action, after: b };
    case 'delete': return { kind: 'acl', id, action, before: b };
    case 'no-op': return { kind: 'acl', id, action, before: b, after: b };
  }
}

const planOf = (changes: Change[]): Plan =>
  ({ formatVersion: 1, specs: [], liveSource: 'live', changes, warnings: [], summary: summarize(changes) });

/** What an in-memory applier was given, call by call. */
interface Call { kinds: readonly ChangeKind[]; changes: string[] }

const label = (c: Pick<Change, 'kind' | 'action' | 'id'>): string => `${c.action} ${c.kind} ${c.id}`;

/** An applier that records each call and answers `ok` for every change (or what `answer` says). */
function recording(kinds: readonly ChangeKind[], calls: Call[], answer?: (changes: readonly Change[]) => ChangeResult[]): ChangeApplier {
  return {
    kinds,
    async apply(changes) {
      calls.push({ kinds, changes: changes.map(label) });
      return answer ? answer(changes) : changes.map((c) => resultOf(c, 'ok'));
    },
  };
}

/** Each change's result, by change (results of a phase are not in plan order: its no-ops come first). */
const resultsByChange = (results: readonly ChangeResult[]) => Object.fromEntries(results.map((r) => [label(r), r]));

describe('applyPlan', () => {
  it('runs one phase per kind in plan order, creates before deletes, one applier call per phase', async () => {
    const calls: Call[] = [];
    const plan = planOf([
      topic('create', 't1'), topic('update', 't2'), topic('replace', 't3'),
      acl('create', 'User:a'), acl('create', 'User:b'),
      acl('delete', 'User:c'),
      topic('delete', 't4'), topic('delete', 't5'),
    ]);
    // The appliers' own order does not matter: the plan's does.
    const report = await applyPlan(plan, [recording(['acl'], calls), recording(['topic'], calls)]);
    expect(calls.map((c) => c.changes)).toEqual([
      ['create topic t1', 'update topic t2', 'replace topic t3'],
      ['create acl User:a|READ|acme.orders._public.placed', 'create acl User:b|READ|acme.orders._public.placed'],
      ['delete acl User:c|READ|acme.orders._public.placed'],
      ['delete topic t4', 'delete topic t5'],
    ]);
    expect(report.results.map(label)).toEqual(plan.changes.map(label));
    expect(report).toMatchObject({ ok: 8, failed: 0, skipped: 0 });
  });

  it('starts a new phase whenever the kind or delete-ness changes, even for a kind seen before', async () => {
    const calls: Call[] = [];
    const plan = planOf([topic('create', 't1'), acl('create', 'User:a'), topic('create', 't2'), topic('delete', 't3'), topic('create', 't4')]);
    await applyPlan(plan, [recording(['topic', 'acl'], calls)]);
    expect(calls.map((c) => c.changes)).toEqual([
      ['create topic t1'], ['create acl User:a|READ|acme.orders._public.placed'], ['create topic t2'], ['delete topic t3'], ['create topic t4'],
    ]);
  });

  it('skips no-op changes without handing them to an applier', async () => {
    const calls: Call[] = [];
    const plan = planOf([topic('no-op', 't1'), topic('create', 't2'), topic('no-op', 't3'), acl('no-op', 'User:a')]);
    const report = await applyPlan(plan, [recording(['topic', 'acl'], calls)]);
    expect(calls.map((c) => c.changes)).toEqual([['create topic t2']]);
    const byChange = resultsByChange(report.results);
    for (const c of ['no-op topic t1', 'no-op topic t3', 'no-op acl User:a|READ|acme.orders._public.placed']) {
      expect(byChange[c]).toEqual({ ...byChange[c], status: 'skipped' });
      expect(byChange[c]).not.toHaveProperty('error');
    }
    expect(byChange['create topic t2']?.status).toBe('ok');
    expect(report).toMatchObject({ ok: 1, failed: 0, skipped: 3 });
  });

  it('skips the changes of a kind no applier takes, saying so, and still applies the rest', async () => {
    const calls: Call[] = [];
    const plan = planOf([topic('create', 't1'), acl('create', 'User:a'), acl('delete', 'User:b'), acl('no-op', 'User:c'), topic('delete', 't2')]);
    const report = await applyPlan(plan, [recording(['topic'], calls)]);
    expect(calls.map((c) => c.changes)).toEqual([['create topic t1'], ['delete topic t2']]);
    const byChange = resultsByChange(report.results);
    expect(byChange['create acl User:a|READ|acme.orders._public.placed']).toEqual({
      kind: 'acl', id: 'User:a|READ|acme.orders._public.placed', action: 'create', status: 'skipped', error: 'no emitter applies acl changes here',
    });
    expect(byChange['delete acl User:b|READ|acme.orders._public.placed']).toMatchObject({ status: 'skipped', error: 'no emitter applies acl changes here' });
    // A no-op needs no applier: skipped, with nothing to explain.
    expect(byChange['no-op acl User:c|READ|acme.orders._public.placed']).not.toHaveProperty('error');
    expect(report).toMatchObject({ ok: 2, failed: 0, skipped: 3 });
  });

  it('fails every change of a phase whose applier throws, with its message, and runs the later phases', async () => {
    const calls: Call[] = [];
    const broken: ChangeApplier = {
      kinds: ['acl'],
      async apply(changes) {
        calls.push({ kinds: ['acl'], changes: changes.map(label) });
        throw new Error('broker unreachable');
      },
    };
    const plan = planOf([topic('create', 't1'), acl('no-op', 'User:z'), acl('create', 'User:a'), acl('create', 'User:b'), acl('delete', 'User:c'), topic('delete', 't2')]);
    const report = await applyPlan(plan, [recording(['topic'], calls), broken]);
    expect(calls.map((c) => c.changes)).toEqual([
      ['create topic t1'],
      ['create acl User:a|READ|acme.orders._public.placed', 'create acl User:b|READ|acme.orders._public.placed'],
      ['delete acl User:c|READ|acme.orders._public.placed'],
      ['delete topic t2'],
    ]);
    const byChange = resultsByChange(report.results);
    for (const c of ['create acl User:a', 'create acl User:b', 'delete acl User:c']) {
      expect(byChange[`${c}|READ|acme.orders._public.placed`]).toMatchObject({ status: 'failed', error: 'broker unreachable' });
    }
    expect(byChange['no-op acl User:z|READ|acme.orders._public.placed']?.status).toBe('skipped');
    expect(byChange['create topic t1']?.status).toBe('ok');
    expect(byChange['delete topic t2']?.status).toBe('ok');
    expect(report).toMatchObject({ ok: 2, failed: 3, skipped: 1 });
  });

  it('reports what an applier throws that is not an Error as its text', async () => {
    const throwsText: ChangeApplier = { kinds: ['topic'], apply: async () => { throw 'quota exceeded'; } };
    const report = await applyPlan(planOf([topic('create', 't1')]), [throwsText]);
    expect(report.results).toEqual([{ kind: 'topic', id: 't1', action: 'create', status: 'failed', error: 'quota exceeded' }]);
    expect(report).toMatchObject({ ok: 0, failed: 1, skipped: 0 });
  });

  it('keeps the statuses an applier reports for each change, failures included', async () => {
    const calls: Call[] = [];
    const mixed = recording(['topic'], calls, (changes) => changes.map((c, i) => (i === 1 ? resultOf(c, 'failed', 'policy violation') : resultOf(c, 'ok'))));
    const report = await applyPlan(planOf([topic('create', 't1'), topic('create', 't2'), topic('create', 't3')]), [mixed]);
    expect(report.results.map((r) => [r.id, r.status, r.error])).toEqual([['t1', 'ok', undefined], ['t2', 'failed', 'policy violation'], ['t3', 'ok', undefined]]);
    expect(report).toMatchObject({ ok: 2, failed: 1, skipped: 0 });
  });

  it.each([
    ['fewer', (changes: readonly Change[]) => changes.slice(1).map((c) => resultOf(c, 'ok')), 1],
    ['no', () => [], 0],
    ['more', (changes: readonly Change[]) => [...changes, changes[0]!].map((c) => resultOf(c, 'ok')), 3],
  ])('throws "this is a bug" when an applier returns %s results than changes', async (_, answer, returned) => {
    const calls: Call[] = [];
    const plan = planOf([topic('create', 't0'), acl('create', 'User:a'), acl('create', 'User:b'), topic('delete', 't9')]);
    const run = applyPlan(plan, [recording(['topic'], calls), recording(['acl'], calls, answer)]);
    await expect(run).rejects.toThrow(`The acl applier returned ${returned} results for 2 changes: this is a bug`);
    // It stops there: no phase after the faulty one runs.
    expect(calls.map((c) => c.changes[0])).toEqual(['create topic t0', 'create acl User:a|READ|acme.orders._public.placed']);
  });

  it('gives every change of a mixed plan exactly one result, and the counts add up', async () => {
    const calls: Call[] = [];
    const flaky = recording(['topic'], calls, (changes) => changes.map((c) => resultOf(c, c.id.endsWith('!') ? 'failed' : 'ok', c.id.endsWith('!') ? 'refused' : undefined)));
    const noDeletes = recording(['acl'], calls, (changes) => {
      if (changes.some((c) => c.action === 'delete')) throw new Error('not allowed to delete ACLs');
      return changes.map((c) => resultOf(c, 'ok'));
    });
    const changes: Change[] = [
      topic('no-op', 'a'), topic('create', 'b'), topic('update', 'c!'),
      acl('create', 'User:x'), acl('no-op', 'User:y'),
      acl('delete', 'User:z'), acl('delete', 'User:w'),
      topic('delete', 'd'), topic('delete', 'e!'), topic('no-op', 'f'),
    ];
    const report = await applyPlan(planOf(changes), [flaky, noDeletes]);
    expect(report.results.map(label).sort()).toEqual(changes.map(label).sort());
    expect(new Set(report.results.map(label)).size).toBe(changes.length);
    const count = (s: ChangeResult['status']) => report.results.filter((r) => r.status === s).length;
    expect(report).toMatchObject({ ok: count('ok'), failed: count('failed'), skipped: count('skipped') });
    expect(report.ok + report.failed + report.skipped).toBe(changes.length);
    expect(report).toMatchObject({ ok: 3, failed: 4, skipped: 3 });
    // Only a no-op goes without a word: every failure says why.
    for (const r of report.results) expect(r.status === 'ok' || r.action === 'no-op' || r.error !== undefined, label(r)).toBe(true);
  });
});
