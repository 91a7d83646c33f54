import { describe, expect, it } from 'vitest';
import { stoppedReport } from '../../../src/core/apply-plan.js';
import { summarize, type Change, type ChangeKind, type Plan } from '../../../src/core/change.js';
import { error } from '../../../src/core/diagnostic.js';
import type { Ports } from '../../../src/kinds/kind.js';
import { kindRegistry, preflightProblems, type KindModule } from '../../../src/kinds/registry.js';

// A kind of this test's own with checks before the apply: the one optional method is all it takes.
const GATE = 'gate' as ChangeKind;
const seen: string[][] = [];
const gateKind: KindModule = {
  kind: GATE,
  order: { create: 9, delete: 9 },
  subject: (c) => c.id,
  detail: () => '',
  applier: async () => undefined,
  preflight: async (changes) => {
    seen.push(changes.map((c) => `${c.kind} ${c.action} ${c.id}`));
    return changes.filter((c) => c.id.startsWith('closed')).map((change) => ({ change, diagnostic: error('gate-closed', `${change.id} would be refused`) }));
  },
};
const change = (kind: ChangeKind, id: string, action: 'create' | 'no-op' = 'create'): Change =>
  (action === 'create' ? { kind, id, action, after: {} } : { kind, id, action, before: {}, after: {} }) as unknown as Change;
const noPorts: Ports = {
  kafkaAdmin: async () => undefined, schemaRegistry: async () => undefined, scram: async () => undefined, iam: async () => undefined, readText: async () => undefined,
};

describe('checks before the apply', () => {
  const changes = [change('topic', 't1'), change(GATE, 'open'), change(GATE, 'closed'), change(GATE, 'same', 'no-op')];

  it('ask each kind that has them about its own pending changes only', async () => {
    seen.length = 0;
    const problems = await preflightProblems(changes, noPorts, kindRegistry([gateKind]));
    expect(seen).toEqual([['gate create open', 'gate create closed']]);
    expect(problems.map((p) => [p.change.id, p.diagnostic.summary])).toEqual([['closed', 'closed would be refused']]);
  });

  it('find nothing for the built-in kinds without their systems', async () => {
    expect(await preflightProblems([change('schema', 's-value'), change('topic', 't1')], noPorts)).toEqual([]);
  });

  it('stop the apply with one result per change: the refused ones failed, the rest skipped', () => {
    const plan: Plan = { formatVersion: 1, specs: [], liveSource: 'live', changes, warnings: [], summary: summarize(changes) };
    const report = stoppedReport(plan, new Map([[changes[2]!, 'closed would be refused']]));
    expect(report).toMatchObject({ ok: 0, failed: 1, skipped: 3 });
    expect(report.results.map((r) => `${r.status} ${r.id} ${r.error ?? ''}`.trim())).toEqual([
      'skipped t1 not applied: provision stopped before changing anything, as 1 planned change would be refused',
      'skipped open not applied: provision stopped before changing anything, as 1 planned change would be refused',
      'failed closed closed would be refused',
      'skipped same',
    ]);
  });
});
