import { error, formatLocation, type Diagnostic, type SourceLocation } from '../core/diagnostic.js';
import type { LoadSchemaFailure } from './load-schema.js';

const FIXES: Record<LoadSchemaFailure['code'], string> = {
  'schema-unknown-type': 'Use an Avro type (null, boolean, int, long, float, double, bytes, string; record, enum, array, map, fixed), a type the schema defines, a named type whose `<full.name>.avsc` file lies beside the schema, or one defined in another produced channel\'s Avro schema of the same spec.',
  'schema-subject-attribute': 'Give `"subject"` only on a field whose type is one named type from another schema (`{"name": "user", "type": "com.x.User", "subject": "com.x.User"}`), naming the subject that type is registered under, the same wherever the type is used; otherwise remove it.',
  'schema-invalid': 'Fix the schema file at this position.',
};

/**
 * A schema that cannot be used, reported where the mistake is: at its line and column in the
 * schema file when it is known, else at the `$ref` in the spec; the `$ref` that reached the file
 * is named in the summary either way.
 */
export function schemaFileDiagnostic(failure: LoadSchemaFailure, context: {
  part: 'value' | 'key';
  topic: string;
  /** Where the spec points at the schema (its `$ref`, or the inline schema). */
  ref: SourceLocation | undefined;
  /** A schema file's absolute path as messages show it. */
  display: (file: string) => string;
}): Diagnostic {
  const at = failure.at;
  const location: SourceLocation | undefined = at
    ? { file: context.display(at.file), ...(at.line !== undefined ? { line: at.line } : {}), ...(at.column !== undefined ? { column: at.column } : {}) }
    : context.ref;
  const from = context.ref ? ` through the \`$ref\` at ${formatLocation(context.ref)}` : '';
  return error(failure.code, `${failure.problem}; used by the ${context.part} schema of topic "${context.topic}"${from}`, location, FIXES[failure.code]);
}
