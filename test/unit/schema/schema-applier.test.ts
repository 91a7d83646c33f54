import { describe, expect, it } from 'vitest';
import type { ChangeOfKind } from '../../../src/core/change.js';
import { schemaApplier } from '../../../src/schema/schema-applier.js';
import type { SchemaSubjectState } from '../../../src/schema/schema-subject.js';
import { inMemoryRegistry } from './in-memory-registry.js';

const state = (subject: string, refs: string[] = [], over: Partial<SchemaSubjectState> = {}): SchemaSubjectState => ({
  subject, schemaType: 'AVRO', schema: JSON.stringify({ type: 'record', name: subject.split('.').pop(), fields: [] }),
  references: refs.map((r) => ({ name: r, subject: r })), compatibility: 'BACKWARD', ...over,
});
const create = (s: SchemaSubjectState): ChangeOfKind<'schema'> => ({ kind: 'schema', action: 'create', id: s.subject, after: s });

describe('schema applier', () => {
  it('registers references first, pins the versions they got, and sets each level', async () => {
    const registry = inMemoryRegistry();
    // In the plan's order (by id), the root comes before what it references.
    const changes = [create(state('a._public.t-value', ['a.B'])), create(state('a.B', ['a.C'])), create(state('a.C'))];
    const results = await schemaApplier(registry).apply(changes);
    expect(results.map((r) => `${r.status} ${r.id}`)).toEqual(['ok a._public.t-value', 'ok a.B', 'ok a.C']);
    expect(registry.calls.filter((c) => c.startsWith('register'))).toEqual(['register a.C', 'register a.B a.C@1', 'register a._public.t-value a.B@1']);
    expect(registry.calls).toContain('config a._public.t-value BACKWARD');
  });

  it('skips what references a failed registration, with one result per change', async () => {
    const registry = inMemoryRegistry();
    registry.failing.add('a.C');
    const changes = [create(state('a._public.t-value', ['a.B'])), create(state('a.B', ['a.C'])), create(state('a.C')), create(state('a.Other'))];
    const results = await schemaApplier(registry).apply(changes);
    expect(results).toHaveLength(4);
    expect(results.map((r) => `${r.status} ${r.id}`)).toEqual(['skipped a._public.t-value', 'skipped a.B', 'failed a.C', 'ok a.Other']);
    expect(results[1]!.error).toBe('reference a.C (subject "a.C") was not registered');
  });

  it('only sets the level when nothing else changed, and sets it before a new version', async () => {
    const registry = inMemoryRegistry();
    await registry.register('a.X', { schemaType: 'AVRO', schema: state('a.X').schema, references: [] });
    const before = { ...state('a.X'), version: 1 };
    const levelOnly: ChangeOfKind<'schema'> = { kind: 'schema', action: 'update', id: 'a.X', before, after: state('a.X', [], { compatibility: 'FULL' }) };
    await schemaApplier(registry).apply([levelOnly]);
    expect(registry.calls.slice(1)).toEqual(['config a.X FULL']);
    const newSchema = state('a.X', [], { compatibility: 'NONE', schema: '{"type":"record","name":"X","fields":[{"name":"f","type":"int","default":0}]}' });
    await schemaApplier(registry).apply([{ kind: 'schema', action: 'update', id: 'a.X', before, after: newSchema }]);
    expect(registry.calls.slice(2)).toEqual(['config a.X NONE', 'register a.X']);
  });

  it('deletes users before what they use', async () => {
    const registry = inMemoryRegistry();
    const del = (s: SchemaSubjectState): ChangeOfKind<'schema'> => ({ kind: 'schema', action: 'delete', id: s.subject, before: s });
    const results = await schemaApplier(registry).apply([del(state('a.B')), del(state('a._public.t-value', ['a.B']))]);
    expect(results.map((r) => `${r.status} ${r.id}`)).toEqual(['ok a.B', 'ok a._public.t-value']);
    expect(registry.calls).toEqual(['delete a._public.t-value', 'delete a.B']);
  });

  it('is idempotent: applying the same creates twice adds no version', async () => {
    const registry = inMemoryRegistry();
    const changes = [create(state('a.B')), create(state('a._public.t-value', ['a.B']))];
    await schemaApplier(registry).apply(changes);
    await schemaApplier(registry).apply(changes);
    expect(await registry.listVersions('a._public.t-value')).toEqual([1]);
    expect(await registry.listVersions('a.B')).toEqual([1]);
  });
});
