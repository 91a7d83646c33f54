import { describe, expect, it } from 'vitest';
import { diagnosticsOfError, renderJsonErrors } from '../../../src/cli/json-errors.js';
import { error, warning } from '../../../src/core/diagnostic.js';
import { ConnectionConfigError, InvalidInputError } from '../../../src/core/errors.js';
import { SchemaRegistryError } from '../../../src/schema/schema-registry-error.js';

describe('errors as JSON', () => {
  it('prints the errors (not the warnings) with the same keys each, null where unknown', () => {
    const text = renderJsonErrors([
      error('schema-unknown-type', 'Unknown type "dobule"', { file: 'schema/a.avsc', line: 4, column: 32 }, 'Use an Avro type.'),
      warning('unspecified-kept', 'kept'),
      error('schema-incompatible', 'not compatible'),
    ]);
    expect(JSON.parse(text)).toEqual({
      formatVersion: 1,
      errors: [
        { code: 'schema-unknown-type', summary: 'Unknown type "dobule"', fix: 'Use an Avro type.', file: 'schema/a.avsc', line: 4, column: 32 },
        { code: 'schema-incompatible', summary: 'not compatible', fix: null, file: null, line: null, column: null },
      ],
    });
  });

  it('turns thrown errors into diagnostics with a code of their kind', () => {
    expect(diagnosticsOfError(new SchemaRegistryError('timeout', 'no answer', { fix: 'wait' }))).toEqual([{ severity: 'error', code: 'schema-registry-timeout', summary: 'no answer', fix: 'wait' }]);
    expect(diagnosticsOfError(new ConnectionConfigError('bad', 'fix it'))[0]!.code).toBe('connection-config');
    expect(diagnosticsOfError(new InvalidInputError([error('x', 'y')]))).toEqual([error('x', 'y')]);
    expect(diagnosticsOfError(new TypeError('oops'))[0]).toMatchObject({ code: 'unexpected', summary: 'oops' });
  });
});
