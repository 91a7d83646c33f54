import { describe, expect, it } from 'vitest';
import { scanAvroNames } from '../../../src/schema/avro-names.js';

describe('Avro names', () => {
  it('finds the types a schema uses but does not define, resolved against the enclosing namespace', () => {
    const names = scanAvroNames({
      type: 'record', name: 'Entity', namespace: 'schema.reference.demo',
      fields: [
        { name: 'a', type: ['null', 'ThingA'], default: null },
        { name: 'b', type: ['schema.reference.demo.ThingB', 'null'] },
        { name: 'c', type: { type: 'array', items: 'other.ns.ThingC' } },
        { name: 'd', type: { type: 'map', values: { type: 'ThingA' } } },
        { name: 'e', type: { type: 'record', name: 'Inner', fields: [{ name: 'x', type: 'Inner' }, { name: 'y', type: 'long' }] } },
        { name: 'f', type: { type: 'string', logicalType: 'uuid' } },
      ],
    });
    expect(names.fullName).toBe('schema.reference.demo.Entity');
    expect([...names.defined]).toEqual(['schema.reference.demo.Entity', 'schema.reference.demo.Inner']);
    expect(names.external).toEqual(['schema.reference.demo.ThingA', 'schema.reference.demo.ThingB', 'other.ns.ThingC']);
  });

  it('gives a nested type with its own namespace that namespace for its fields', () => {
    const names = scanAvroNames({
      type: 'record', name: 'Outer', namespace: 'a',
      fields: [{ name: 'n', type: { type: 'record', name: 'Nested', namespace: 'b', fields: [{ name: 'x', type: 'Thing' }] } }],
    });
    expect(names.external).toEqual(['b.Thing']);
  });

  it('reads top-level unions, maps and primitives as unnamed', () => {
    expect(scanAvroNames(['a.X', 'a.Y'])).toEqual({ defined: new Set(), external: ['a.X', 'a.Y'], uses: new Map([['a.X', { written: 'a.X', path: [0] }], ['a.Y', { written: 'a.Y', path: [1] }]]), fieldSubjects: [] });
    expect(scanAvroNames({ type: 'map', values: 'a.X' }).external).toEqual(['a.X']);
    expect(scanAvroNames({ type: 'int' })).toEqual({ defined: new Set(), external: [], uses: new Map(), fieldSubjects: [] });
  });
});
