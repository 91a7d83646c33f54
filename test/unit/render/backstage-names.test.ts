import { KubernetesValidatorFunctions, makeValidator } from '@backstage/catalog-model';
import { describe, expect, it } from 'vitest';
import { backstageName, backstageTag } from '../../../src/render/backstage-names.js';

const odd = [
  'acme.retail.orders',
  'a'.repeat(63),
  'a'.repeat(64),
  `acme.${'x'.repeat(80)}`,
  `acme.${'x'.repeat(53)}.-`,
  '_acme._labs.beta_',
  '-.-',
  '___',
  'Acme.UPPER.case',
  'acme.we ird/chars',
];

describe('Backstage entity names of domains', () => {
  it('keeps an id Backstage accepts as it is', () => {
    expect(backstageName('acme.retail.orders')).toBe('acme.retail.orders');
    expect(backstageName('Acme.Retail_x-1')).toBe('Acme.Retail_x-1');
    expect(backstageName('a'.repeat(63))).toBe('a'.repeat(63));
  });

  it('gives every id, however long or odd, a name Backstage accepts', () => {
    for (const id of odd) expect(KubernetesValidatorFunctions.isValidObjectName(backstageName(id)), `${id} → ${backstageName(id)}`).toBe(true);
  });

  it('shortens a long id the same way every time, and two ids cut alike to different names', () => {
    const a = `acme.logistics.${'w'.repeat(60)}.north`;
    const b = `acme.logistics.${'w'.repeat(60)}.south`;
    expect(backstageName(a)).toBe(backstageName(a));
    expect(backstageName(a)).toMatch(/^acme\.logistics\.w+-[0-9a-f]{8}$/);
    expect(backstageName(a)).toHaveLength(63);
    expect(backstageName(a)).not.toBe(backstageName(b));
    expect(backstageName('_acme._labs.beta_')).not.toBe(backstageName('acme._labs.beta'));
  });

  it('turns spec tags into Backstage tags, or drops them when nothing is left', () => {
    const { isValidTag } = makeValidator();
    expect(backstageTag('Team: Inbound/North')).toBe('team-inbound-north');
    expect(backstageTag('grant-access:acme.x')).toBe('grant-access-acme-x');
    expect(backstageTag('---')).toBeUndefined();
    const long = backstageTag(`${'t'.repeat(62)}-x`);
    expect(long).toBe('t'.repeat(62));
    for (const t of ['Team: Inbound/North', 'C++', '#hash', `${'t'.repeat(62)}-x`]) expect(isValidTag(backstageTag(t)), t).toBe(true);
  });
});
