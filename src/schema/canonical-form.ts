import { canonicalAvro } from './avro-canonical.js';
import { parseJsonText } from './parse-schema-text.js';
import { parseProtobuf } from './protobuf-schema.js';
import type { SchemaType } from './schema-subject.js';
import { stableJson } from './stable-json.js';

/**
 * The text two schemas are compared by: equal canonical forms mean no change, whatever the
 * formatting, key order or comments. Undefined when the text does not parse as its type.
 */
export function canonicalForm(schemaType: SchemaType, text: string): string | undefined {
  if (schemaType === 'PROTOBUF') {
    const parsed = parseProtobuf(text);
    return parsed.ok ? parsed.canonical : undefined;
  }
  const parsed = parseJsonText(text);
  if (!parsed.ok) return undefined;
  return schemaType === 'AVRO' ? canonicalAvro(parsed.value) : stableJson(parsed.value);
}

/** Equal when both canonical forms are, or (for text neither side can parse) the texts are. */
export function sameSchema(schemaType: SchemaType, a: string, b: string): boolean {
  if (a === b) return true;
  const ca = canonicalForm(schemaType, a);
  return ca !== undefined && ca === canonicalForm(schemaType, b);
}
