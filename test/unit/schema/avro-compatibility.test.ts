import { readFileSync } from 'node:fs';
import path from 'node:path';
import { specmeshFixtures } from '../../support/specmesh-fixtures.js';
import { describe, expect, it } from 'vitest';
import { avroCompatibilityProblem } from '../../../src/schema/avro-compatibility.js';
import { buildAvroType } from '../../../src/schema/avro-type.js';

const schemas = specmeshFixtures('specmesh-build/kafka/src/test/resources/schema');
const typeOf = (file: string) => {
  const built = buildAvroType(JSON.parse(readFileSync(path.join(schemas, file), 'utf8')));
  if (!built.ok) throw new Error(built.problem);
  return built.type;
};
const v1 = typeOf('simple.provision_demo._public.user_signed_up.avsc');
const v2 = typeOf('simple.provision_demo._public.user_signed_up-v2.avsc');
const bad = typeOf('simple.provision_demo._public.user_signed_up-v3-bad.avsc');

describe('Avro compatibility (local check)', () => {
  it('accepts SpecMesh\'s v2 evolution under BACKWARD and FULL', () => {
    expect(avroCompatibilityProblem('BACKWARD', v2, [{ version: 1, type: v1 }])).toBeUndefined();
    expect(avroCompatibilityProblem('FULL', v2, [{ version: 1, type: v1 }])).toBeUndefined();
  });

  it('says why the -v3-bad evolution is not BACKWARD or FORWARD compatible', () => {
    expect(avroCompatibilityProblem('BACKWARD', bad, [{ version: 2, type: v2 }]))
      .toBe('the new schema cannot read data written with version 2: no matching field for default-less simple.provision_demo.UserSignedUp.borked');
    expect(avroCompatibilityProblem('FORWARD', bad, [{ version: 2, type: v2 }])).toMatch(/^version 2 cannot read data written with the new schema/);
    expect(avroCompatibilityProblem('NONE', bad, [{ version: 2, type: v2 }])).toBeUndefined();
  });

  it('checks every earlier version only for the transitive levels', () => {
    const onlyV2 = typeOf('simple.provision_demo._public.user_signed_up-v2.avsc');
    const previous = [{ version: 2, type: onlyV2 }, { version: 1, type: bad }];
    expect(avroCompatibilityProblem('BACKWARD', v2, previous)).toBeUndefined();
    expect(avroCompatibilityProblem('BACKWARD_TRANSITIVE', v2, previous)).toContain('version 1');
  });

  it('reports a schema avsc cannot parse', () => {
    expect(buildAvroType({ type: 'recordx', name: 'X' })).toEqual({ ok: false, problem: 'unknown type: "recordx"' });
    expect(buildAvroType({ type: 'record', name: 'X', fields: [{ name: 'a', type: 'a.Missing' }] })).toEqual({ ok: false, problem: 'undefined type name: a.Missing' });
  });
});
