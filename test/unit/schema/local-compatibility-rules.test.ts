// The local JSON Schema and Protobuf rules, on changes whose verdicts were read from Apicurio
// Registry 3.0.9 (register under BACKWARD and under FORWARD); the integration test
// schema-compatibility-levels compares them with the registry at every level.
import { describe, expect, it } from 'vitest';
import { jsonSchemaVerdict } from '../../../src/schema/json-schema-compatibility.js';
import { protobufProblems, protoShape } from '../../../src/schema/protobuf-compatibility.js';

const obj = (properties: object, extra: object = {}) => ({ type: 'object', properties, ...extra });
const closed = { additionalProperties: false };
/** [change, before, after, backward ok, forward ok] as the registry answered. */
const JSON_CASES: [string, unknown, unknown, boolean, boolean][] = [
  ['property added to an open model', obj({ a: { type: 'string' } }), obj({ a: { type: 'string' }, p: { type: 'string' } }), false, true],
  ['property (accepting anything) added to an open model', obj({ a: { type: 'string' } }), obj({ a: { type: 'string' }, p: {} }), false, true],
  ['property removed from an open model', obj({ a: { type: 'string' }, p: { type: 'string' } }), obj({ a: { type: 'string' } }), true, false],
  ['property added to a closed model', obj({ a: { type: 'string' } }, closed), obj({ a: { type: 'string' }, p: { type: 'string' } }, closed), true, false],
  ['property removed from a closed model', obj({ a: { type: 'string' }, p: { type: 'string' } }, closed), obj({ a: { type: 'string' } }, closed), false, true],
  ['property made required', obj({ a: { type: 'string' } }), obj({ a: { type: 'string' } }, { required: ['a'] }), false, true],
  ['integer widened to number', obj({ a: { type: 'integer' } }), obj({ a: { type: 'number' } }), true, false],
  ['string changed to integer', obj({ a: { type: 'string' } }), obj({ a: { type: 'integer' } }), false, false],
  ['null allowed too', obj({ a: { type: 'string' } }), obj({ a: { type: ['string', 'null'] } }), true, false],
  ['enum value added', obj({ a: { enum: ['x', 'y'] } }), obj({ a: { enum: ['x', 'y', 'z'] } }), true, false],
  ['description and title changed', obj({ a: { type: 'string' } }, { title: 'A' }), obj({ a: { type: 'string', description: 'd' } }, { title: 'B' }), true, true],
  ['format added', obj({ a: { type: 'string' } }), obj({ a: { type: 'string', format: 'email' } }), false, true],
  ['maxLength lowered', obj({ a: { type: 'string', maxLength: 9 } }), obj({ a: { type: 'string', maxLength: 5 } }), false, true],
  ['maximum raised', obj({ n: { type: 'integer', maximum: 10 } }), obj({ n: { type: 'integer', maximum: 100 } }), true, false],
  ['model opened', obj({ a: { type: 'string' } }, closed), obj({ a: { type: 'string' } }), true, false],
  ['nested property retyped', obj({ a: obj({ x: { type: 'string' } }) }), obj({ a: obj({ x: { type: 'integer' } }) }), false, false],
  ['oneOf alternative added', obj({ a: { oneOf: [{ type: 'string' }] } }), obj({ a: { oneOf: [{ type: 'string' }, { type: 'null' }] } }), true, false],
  ['definition behind a $ref narrowed', { ...obj({ a: { $ref: '#/definitions/A' } }), definitions: { A: { type: 'number' } } },
    { ...obj({ a: { $ref: '#/definitions/A' } }), definitions: { A: { type: 'integer' } } }, false, true],
];

describe('local JSON Schema compatibility rules', () => {
  it.each(JSON_CASES)('%s', (_name, before, after, backward, forward) => {
    const back = jsonSchemaVerdict(before, after);
    const fore = jsonSchemaVerdict(after, before);
    expect([back.unjudged, fore.unjudged]).toEqual([[], []]);
    expect({ backward: back.problems.length === 0, forward: fore.problems.length === 0 }).toEqual({ backward, forward });
  });

  it('says where and why', () => {
    expect(jsonSchemaVerdict(obj({ n: { type: 'integer', maximum: 100 } }), obj({ n: { type: 'integer', maximum: 10 } }, { required: ['n'] })).problems)
      .toEqual(['#/properties/n: `maximum` 100 → 10', '#: "n" now required']);
  });

  it('does not guess at keywords it does not model, and follows recursive definitions to an end', () => {
    expect(jsonSchemaVerdict(obj({ a: { not: { type: 'string' } } }), obj({ a: { not: { type: 'number' } } })).unjudged).toEqual(['#/properties/a: `not` changed']);
    const tree = (leaf: string) => ({ $ref: '#/definitions/Node', definitions: { Node: obj({ leaf: { type: leaf }, children: { type: 'array', items: { $ref: '#/definitions/Node' } } }) } });
    expect(jsonSchemaVerdict(tree('integer'), tree('number'))).toEqual({ problems: [], unjudged: [] });
    expect(jsonSchemaVerdict(tree('number'), tree('integer')).problems).toEqual(['#/properties/leaf: `type` no longer allows number']);
  });
});

const proto = (body: string, syntax = 'proto3') => {
  const parsed = protoShape(`syntax = "${syntax}";\npackage p;\n${body}\n`);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.shape;
};
const PROTO_CASES: [string, string, string, boolean, boolean][] = [
  ['field added', 'message M { string a = 1; }', 'message M { string a = 1; int32 b = 2; }', true, false],
  ['field removed', 'message M { string a = 1; int32 b = 2; }', 'message M { string a = 1; }', false, true],
  ['field removed and reserved', 'message M { string a = 1; int32 b = 2; }', 'message M { reserved 2; reserved "b"; string a = 1; }', false, false],
  ['field retyped', 'message M { string a = 1; }', 'message M { int64 a = 1; }', false, false],
  ['field renamed', 'message M { string a = 1; }', 'message M { string b = 1; }', false, false],
  ['field made repeated', 'message M { string a = 1; }', 'message M { repeated string a = 1; }', false, false],
  ['field made optional', 'message M { string a = 1; }', 'message M { optional string a = 1; }', false, false],
  ['field moved into a oneof', 'message M { string a = 1; }', 'message M { oneof o { string a = 1; } }', true, true],
  ['type named by its full name', 'message N { string b = 1; } message M { N n = 1; }', 'message N { string b = 1; } message M { .p.N n = 1; }', true, true],
  ['map value retyped', 'message M { map<string,int32> m = 1; }', 'message M { map<string,int64> m = 1; }', false, false],
  ['enum value added', 'enum E { A = 0; B = 1; } message M { E e = 1; }', 'enum E { A = 0; B = 1; C = 2; } message M { E e = 1; }', true, false],
  ['enum value renumbered', 'enum E { A = 0; B = 1; } message M { E e = 1; }', 'enum E { A = 0; B = 2; } message M { E e = 1; }', false, false],
  ['message removed', 'message M { string a = 1; } message N { string b = 1; }', 'message M { string a = 1; }', false, true],
  ['nested field added', 'message M { message I { string x = 1; } I i = 1; }', 'message M { message I { string x = 1; int32 y = 2; } I i = 1; }', true, false],
  ['rpc removed', 'message M { string a = 1; } service S { rpc R (M) returns (M); rpc Q (M) returns (M); }', 'message M { string a = 1; } service S { rpc R (M) returns (M); }', false, true],
  ['option and comment added', 'message M { string a = 1; }', 'message M {\n  // the a\n  string a = 1 [deprecated = true];\n}', true, true],
  ['number reserved', 'message M { string a = 1; }', 'message M { reserved 5; string a = 1; }', true, false],
];

describe('local Protobuf compatibility rules', () => {
  it.each(PROTO_CASES)('%s', (_name, before, after, backward, forward) => {
    expect({ backward: protobufProblems(proto(before), proto(after)).length === 0, forward: protobufProblems(proto(after), proto(before)).length === 0 }).toEqual({ backward, forward });
  });

  it('names the message, field and change', () => {
    expect(protobufProblems(proto('message M { string a = 1; int32 b = 2; }'), proto('message M { int64 a = 1; }'))).toEqual(['p.M: "b" removed', 'p.M.a: type string → int64']);
    expect(protobufProblems(proto('message M { required string a = 1; }', 'proto2'), proto('message M { required string a = 1; required int32 b = 2; }', 'proto2'))).toEqual(['p.M: required "b" added']);
  });
});
