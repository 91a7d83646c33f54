import { describe, expect, it } from 'vitest';
import { canonicalForm, sameSchema } from '../../../src/schema/canonical-form.js';

const avro = `{
  "type": "record", "name": "UserSignedUp", "namespace": "simple.provision_demo",
  "fields": [
    {"name": "fullName", "type": "string"},
    {"name": "address", "type": {"type": "record", "name": "Address", "fields": [{"name": "city", "type": "string"}]}},
    {"name": "previous", "type": ["null", "Address"], "default": null}
  ]
}`;

describe('canonical forms', () => {
  it('treats Avro schemas as equal whatever the key order, whitespace, comments and name qualification', () => {
    const same = `// reformatted
{"fields":[{"type":{"type":"string"},"name":"fullName"},
 {"type":{"fields":[{"type":"string","name":"city"}],"name":"simple.provision_demo.Address","type":"record"},"name":"address"},
 /* still optional */ {"default":null,"name":"previous","type":["null","simple.provision_demo.Address"]}],
 "name":"simple.provision_demo.UserSignedUp","type":"record"}`;
    expect(sameSchema('AVRO', avro, same)).toBe(true);
  });

  it('still sees changed docs, defaults, field order and union order in Avro', () => {
    const withDoc = JSON.parse(avro) as { fields: Record<string, unknown>[]; doc?: string };
    withDoc.doc = 'a user';
    expect(sameSchema('AVRO', avro, JSON.stringify(withDoc))).toBe(false);
    const swapped = JSON.parse(avro) as { fields: unknown[] };
    swapped.fields.reverse();
    expect(sameSchema('AVRO', avro, JSON.stringify(swapped))).toBe(false);
    expect(sameSchema('AVRO', '["null","string"]', '["string","null"]')).toBe(false);
  });

  it('treats JSON Schemas as equal whatever the key order, not whatever the values', () => {
    expect(sameSchema('JSON', '{"type":"object","required":["a"]}', '{ "required": ["a"], "type": "object" }')).toBe(true);
    expect(sameSchema('JSON', '{"type":"object","required":["a"]}', '{"type":"object","required":["b"]}')).toBe(false);
  });

  it('treats Protobuf schemas as equal whatever the comments, layout and declaration order', () => {
    const a = 'syntax = "proto3";\npackage p;\nmessage A { string x = 1; int32 y = 2; }\nmessage B { bool z = 1; }\n';
    const b = '// comment\nsyntax="proto3"; package p;\nmessage B {\n  bool z = 1;\n}\nmessage A {\n  /* y */ int32 y = 2;\n  string x = 1;\n}\n';
    expect(sameSchema('PROTOBUF', a, b)).toBe(true);
    expect(sameSchema('PROTOBUF', a, a.replace('int32 y = 2', 'int64 y = 2'))).toBe(false);
    expect(sameSchema('PROTOBUF', a, a.replace('proto3', 'proto2'))).toBe(false);
  });

  it('has no canonical form for text that does not parse', () => {
    expect(canonicalForm('AVRO', '{"type":')).toBeUndefined();
    expect(canonicalForm('PROTOBUF', 'message {')).toBeUndefined();
  });
});
