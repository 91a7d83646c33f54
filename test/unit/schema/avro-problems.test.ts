import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, nearestNames } from '../../../src/core/nearest-names.js';
import { findAvroProblems } from '../../../src/schema/avro-problems.js';
import { locateJsonPath } from '../../../src/schema/json-location.js';

const record = (fields: object[], extra: object = {}) => ({ type: 'record', name: 'R', namespace: 'acme', fields, ...extra });

describe('Avro mistakes found with their place', () => {
  it('finds a field defined twice, at its second name', () => {
    expect(findAvroProblems(record([{ name: 'a', type: 'int' }, { name: 'a', type: 'long' }]))).toEqual([
      { message: 'Field "a" is defined twice in record "acme.R"', path: ['fields', 1, 'name'] },
    ]);
  });

  it('checks defaults against their type, a union\'s against its first type, and named types by name', () => {
    const colour = { type: 'enum', name: 'Colour', symbols: ['RED', 'GREEN'] };
    const problems = findAvroProblems(record([
      { name: 'ok', type: 'long', default: 3 },
      { name: 'n', type: 'int', default: 'text' },
      { name: 'u', type: ['null', 'string'], default: 'x' },
      { name: 'c', type: colour, default: 'RED' },
      { name: 'd', type: 'Colour', default: 'BLUE' },
      { name: 'e', type: 'acme.Money', default: { amount: 'lots' } },
      { name: 'm', type: { type: 'map', values: 'int' }, default: { a: 1 } },
    ]), new Map([['acme.Money', { type: 'record', name: 'Money', namespace: 'acme', fields: [{ name: 'amount', type: 'double' }] }]]));
    expect(problems.map((p) => [p.path.join('.'), p.message])).toEqual([
      ['fields.1.default', 'The default of field "n" in record "acme.R", "text", is not a valid int'],
      ['fields.2.default', 'The default of field "u" in record "acme.R", "x", is not a value of the union\'s first type, "null", which a union\'s default must be'],
      ['fields.4.default', 'The default of field "d" in record "acme.R", "BLUE", is not a valid enum "Colour": not one of its symbols'],
      ['fields.5.default', 'The default of field "e" in record "acme.R", {"amount":"lots"}, is not a valid record "Money": field "amount" is not a valid "double"'],
    ]);
  });

  it('finds an enum symbol listed twice and an enum default that is no symbol', () => {
    expect(findAvroProblems({ type: 'enum', name: 'E', symbols: ['A', 'B', 'A'], default: 'C' }).map((p) => p.path)).toEqual([['symbols', 2], ['default']]);
  });

  it('locates a path in JSON text written with comments, at the value or its key', () => {
    const text = '// a schema\n{\n  "type": "record",\n  "fields": [ { "name": "a", "type": "dobule" } ]\n}';
    expect(locateJsonPath(text, ['fields', 0, 'type'])).toEqual({ line: 4, column: 38 });
    expect(locateJsonPath(text, ['fields', 0, 'type'], { key: true })).toEqual({ line: 4, column: 30 });
    expect(locateJsonPath(text, ['fields', 3, 'type'])).toEqual({ line: 4, column: 13 });
  });
});

describe('names near a misspelt one', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('dobule', 'double')).toBe(1);
    expect(editDistance('strng', 'string')).toBe(1);
    expect(editDistance('Gone', 'long')).toBe(2);
  });

  it('suggests names within 2 edits (1 for short names), nearest first', () => {
    expect(nearestNames('dobule', ['double', 'boolean', 'bytes'])).toEqual(['double']);
    expect(nearestNames('itn', ['int', 'long'])).toEqual(['int']);
    expect(nearestNames('Gone', ['long', 'null'])).toEqual([]);
    expect(didYouMean(['int', 'long'])).toBe(' (did you mean "int" or "long"?)');
    expect(didYouMean([])).toBe('');
  });
});
