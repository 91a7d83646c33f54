import { describe, expect, it } from 'vitest';
import { canonicalJson, findDrift } from '../../../src/core/saved-plan.js';

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
