import { describe, expect, it } from 'vitest';
import { diffResources } from '../../../src/core/diff-resources.js';
import { needsNewVersion, schemaDiffSpec, schemaDifferences } from '../../../src/schema/schema-diff.js';
import type { SchemaSubjectState } from '../../../src/schema/schema-subject.js';

const state = (subject: string, over: Partial<SchemaSubjectState> = {}): SchemaSubjectState => ({
  subject, schemaType: 'AVRO', schema: '{"type":"record","name":"R","namespace":"acme.user","fields":[]}', references: [], compatibility: 'BACKWARD', ...over,
});

describe('schema diff', () => {
  it('sees no difference in a reformatted schema', () => {
    const have = state('s', { version: 3 });
    const want = state('s', { schema: '{ "fields": [], "name": "acme.user.R", "type": "record" }' });
    expect(schemaDifferences(want, have)).toEqual([]);
  });

  it('names each difference: schema, references and their versions, compatibility', () => {
    const have = state('s', { references: [{ name: 'a.A', subject: 'a.A', version: 1 }, { name: 'a.B', subject: 'a.B', version: 1 }], compatibility: 'NONE' });
    const want = state('s', {
      schema: '{"type":"record","name":"R","namespace":"acme.user","fields":[{"name":"x","type":"int","default":0}]}',
      references: [{ name: 'a.A', subject: 'a.A', version: 2 }, { name: 'a.C', subject: 'a.C' }],
    });
    expect(schemaDifferences(want, have)).toEqual([
      'schema changed', 'reference a.A version 1 → 2', 'add reference a.C', 'drop reference a.B', 'compatibility NONE → BACKWARD',
    ]);
  });

  it('needs no new version when only the compatibility level changes', () => {
    expect(needsNewVersion(state('s', { compatibility: 'FULL' }), state('s'))).toBe(false);
    expect(needsNewVersion(state('s', { references: [{ name: 'a.A', subject: 'a.A' }] }), state('s', { references: [{ name: 'a.A', subject: 'a.A', version: 1 }] }))).toBe(true);
  });

  it('deletes orphans of planned domains only when asked, and only inside the exact domain', () => {
    const spec = schemaDiffSpec(new Set(['acme.user']), new Map([['acme.user._public.a-value', 'acme.user']]));
    const live = [state('acme.user._public.a-value'), state('acme.user._public.old-value'), state('acme.userprops._public.x-value'), state('acme.user.sub.T')];
    const kept = diffResources(spec, [state('acme.user._public.a-value')], live, { cleanUnspecified: false });
    expect(kept.changes.map((c) => `${c.action} ${c.id}`)).toEqual(['no-op acme.user._public.a-value']);
    expect(kept.keptOrphans.map((o) => o.subject)).toEqual(['acme.user._public.old-value']);
    const cleaned = diffResources(spec, [state('acme.user._public.a-value')], live, { cleanUnspecified: true });
    expect(cleaned.changes.map((c) => `${c.action} ${c.id} ${c.domain}`)).toEqual(['no-op acme.user._public.a-value acme.user', 'delete acme.user._public.old-value acme.user']);
  });
});
