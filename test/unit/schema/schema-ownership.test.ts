import { describe, expect, it } from 'vitest';
import { ownsNamespace, subjectDomain } from '../../../src/schema/schema-ownership.js';

describe('schema subject ownership', () => {
  const planned = new Set(['acme.user', 'acme.retail']);

  it('gives topic-named subjects to the topic\'s owner, by exact domain', () => {
    expect(subjectDomain('acme.user._public.signed_up-value', planned)).toBe('acme.user');
    expect(subjectDomain('acme.user._private.x', planned)).toBe('acme.user');
    expect(subjectDomain('acme.user._public.t-acme.user.Event', planned)).toBe('acme.user');
    // prefix-sharing, child and parent domains are not the planned domain
    expect(subjectDomain('acme.userprops._public.t-value', planned)).toBeUndefined();
    expect(subjectDomain('acme.retail.orders._public.t-value', planned)).toBeUndefined();
    expect(subjectDomain('acme._public.t-value', planned)).toBeUndefined();
  });

  it('gives record-name subjects to the domain equal to their namespace, never to a parent', () => {
    expect(subjectDomain('acme.user.Address', planned)).toBe('acme.user');
    expect(subjectDomain('acme.user.sub.Address', planned)).toBeUndefined();
    expect(subjectDomain('acme.userprops.Address', planned)).toBeUndefined();
    expect(subjectDomain('Address', planned)).toBeUndefined();
  });

  it('lets a domain own exactly its own namespace: not a nested one (its own domain\'s), a parent or a prefix-sharing one', () => {
    expect(ownsNamespace('acme.user', 'acme.user')).toBe(true);
    expect(ownsNamespace('acme.user', '')).toBe(true);
    expect(ownsNamespace('acme.user', 'acme.user.sub')).toBe(false);
    expect(ownsNamespace('acme.user', 'acme.user.sub.deeper')).toBe(false);
    expect(ownsNamespace('acme.user', 'acme.userprops')).toBe(false);
    expect(ownsNamespace('acme.user', 'acme')).toBe(false);
    expect(ownsNamespace('acme.user', 'shared')).toBe(false);
  });
});
