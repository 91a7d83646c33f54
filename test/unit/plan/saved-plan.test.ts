import { describe, expect, it } from 'vitest';
import type { Change } from '../../../src/core/change.js';
import { alreadyApplied, canonicalJson, comparePlannedChanges, findDrift } from '../../../src/core/saved-plan.js';

describe('a saved plan\'s drift', () => {
  it('names each spec file added, removed or changed, and each touched resource whose live state changed', () => {
    const saved = { specFiles: { 'a.yaml': 'sha256:1', 'b.yaml': 'sha256:2' }, fingerprints: { 'topic:t1': 'absent', 'topic:t2': 'sha256:x', 'acl:k': 'sha256:y' } };
    const now = { specFiles: { 'a.yaml': 'sha256:1', 'b.yaml': 'sha256:9', 'c.yaml': 'sha256:3' }, fingerprints: { 'topic:t1': 'sha256:new', 'topic:t2': 'sha256:x' } };
    expect(findDrift(saved, now)).toEqual({
      specs: [{ file: 'b.yaml', change: 'changed' }, { file: 'c.yaml', change: 'added' }],
      resources: [{ kind: 'topic', id: 't1' }, { kind: 'acl', id: 'k' }],
    });
    expect(findDrift(saved, { specFiles: saved.specFiles, fingerprints: { 'topic:t2': 'sha256:x', 'acl:k': 'sha256:y' } })).toEqual({ specs: [], resources: [] });
  });

  it('fingerprints state by content, not by key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: undefined } })).toBe(canonicalJson({ a: { d: [1, { e: 3, f: 2 }] }, b: 1 }));
  });
});

const topic = (action: 'create' | 'update' | 'no-op' | 'delete', partitions: number, id = 't1'): Change => {
  const state = { name: id, partitions, replicationFactor: 1, configs: {} };
  if (action === 'create') return { kind: 'topic', id, domain: 'd', action, after: state } as Change;
  if (action === 'delete') return { kind: 'topic', id, domain: 'd', action, before: state } as Change;
  return { kind: 'topic', id, domain: 'd', action, before: { ...state, partitions: 1 }, after: state } as Change;
};

describe('a saved plan against a fresh plan of the same specs', () => {
  it('matches itself, whatever the order of its changes and no-ops', () => {
    const plan = [topic('create', 3), topic('create', 1, 't2'), topic('no-op', 1, 't3')];
    expect(comparePlannedChanges(plan, [...plan].reverse().filter((c) => c.action !== 'no-op'))).toEqual({ notPlanned: [], missing: [] });
  });

  it('names an edited change, an added one and a removed one', () => {
    const fresh = [topic('create', 3), topic('create', 1, 't2')];
    const edited = [topic('create', 40), topic('create', 1, 'sneaky')];
    expect(comparePlannedChanges(edited, fresh)).toEqual({
      notPlanned: [{ kind: 'topic', id: 't1', action: 'create' }, { kind: 'topic', id: 'sneaky', action: 'create' }],
      missing: [{ kind: 'topic', id: 't2', action: 'create' }],
    });
  });

  it('is already applied only when every change it makes is a no-op with the same state, and every delete is gone', () => {
    const saved = [topic('create', 3), topic('delete', 1, 'old')];
    expect(alreadyApplied(saved, [topic('no-op', 3)])).toBe(true);
    expect(alreadyApplied(saved, [topic('no-op', 3), topic('no-op', 1, 'old')])).toBe(false);
    expect(alreadyApplied(saved, [topic('no-op', 5)])).toBe(false);
    expect(alreadyApplied(saved, [topic('update', 3)])).toBe(false);
  });
});
