import { describe, expect, it } from 'vitest';
import { buildDomainAcls } from '../../../src/acl/build-acls.js';
import { principalResolver } from '../../../src/acl/principals.js';
import { loadSpecs } from '../../../src/spec/load/load-specs.js';
import { authorize } from '../../support/kafka-authorizer.js';
import { spec2, writeTempFiles } from '../../support/temp-specs.js';

describe('grant-access:_public on a protected channel', () => {
  it('lets every principal read that topic, and only that one', async () => {
    const dir = writeTempFiles({ 'a-api.yaml': spec2('urn:acme.orders', "  _protected.paid:\n    publish:\n      tags: [{ name: 'grant-access:_public' }]\n  _protected.other:\n    publish: {}\n") });
    const { domains, ok } = await loadSpecs([dir], { cacheDir: false, cwd: dir });
    expect(ok).toBe(true);
    expect(domains[0]!.produces.map((t) => [t.name, t.grants])).toEqual([['acme.orders._protected.paid', ['_public']], ['acme.orders._protected.other', []]]);
    const bindings = buildDomainAcls(domains[0]!, ['acme.orders'], principalResolver());
    const read = (principal: string, topic: string) => authorize(bindings, { principal, operation: 'READ', resourceType: 'TOPIC', resourceName: topic });
    expect(read('User:anyone', 'acme.orders._protected.paid')).toBe(true);
    expect(read('User:anyone', 'acme.orders._protected.other')).toBe(false);
    expect(authorize(bindings, { principal: 'User:anyone', operation: 'WRITE', resourceType: 'TOPIC', resourceName: 'acme.orders._protected.paid' })).toBe(false);
  });
});
