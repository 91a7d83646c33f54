import { describe, expect, it } from 'vitest';
import { desiredSecrets } from '../../../src/scram/desired-secrets.js';
import { defaultSecretName, endsLikeArnSuffix, secretNameProblem } from '../../../src/scram/secret-name.js';
import { principalResolver } from '../../../src/acl/principals.js';
import { domain } from '../../support/domain-builder.js';

describe('secret names', () => {
  it('defaults to AmazonMSK_specmesh_<domain>, which MSK and Secrets Manager accept', () => {
    expect(defaultSecretName('acme.retail.orders')).toBe('AmazonMSK_specmesh_acme.retail.orders');
    expect(secretNameProblem(defaultSecretName('acme.retail.orders'))).toBeUndefined();
  });

  it('refuses a name without the AmazonMSK_ prefix and names the fix', () => {
    const p = secretNameProblem('specmesh/acme.retail.orders');
    expect(p?.problem).toMatch(/does not start with "AmazonMSK_": MSK refuses to associate it/);
    expect(p?.fix).toContain('"AmazonMSK_specmesh/acme.retail.orders"');
  });

  it('says the prefix is case-sensitive when only the case is wrong', () => {
    const p = secretNameProblem('amazonmsk_orders');
    expect(p?.problem).toContain('case-sensitive');
    expect(p?.fix).toContain('"AmazonMSK_orders"');
  });

  it('refuses characters and lengths Secrets Manager refuses', () => {
    expect(secretNameProblem('AmazonMSK_a b')?.problem).toMatch(/characters/);
    expect(secretNameProblem(`AmazonMSK_${'x'.repeat(510)}`)?.problem).toMatch(/512/);
  });

  it('spots names that end like an ARN suffix', () => {
    expect(endsLikeArnSuffix('AmazonMSK_x-abc123')).toBe(true);
    expect(endsLikeArnSuffix('AmazonMSK_acme.orders')).toBe(false);
  });
});

describe('desired secrets', () => {
  const domains = [domain('acme.user').build(), domain('acme.userprops').build(), domain('acme.retail').build()];

  it('gives each domain principal one secret, tagged with the domain, the principal and the tool', () => {
    const { secrets, diagnostics } = desiredSecrets(domains, { principalFor: principalResolver() });
    expect(diagnostics).toEqual([]);
    expect(secrets.map((s) => [s.name, s.username])).toEqual([
      ['AmazonMSK_specmesh_acme.retail', 'acme.retail'],
      ['AmazonMSK_specmesh_acme.user', 'acme.user'],
      ['AmazonMSK_specmesh_acme.userprops', 'acme.userprops'],
    ]);
    expect(secrets[1]!.tags).toEqual({ 'specmesh:managed-by': 'specmesh', 'specmesh:domain': 'acme.user', 'specmesh:principal': 'User:acme.user' });
  });

  it('uses the principal map for the username', () => {
    const { secrets } = desiredSecrets([domains[0]!], { principalFor: principalResolver({ 'acme.user': 'svc-user' }) });
    expect(secrets[0]).toMatchObject({ username: 'svc-user', principal: 'User:svc-user', name: 'AmazonMSK_specmesh_acme.user' });
  });

  it('makes one secret for domains sharing a principal, and says so', () => {
    const { secrets, diagnostics } = desiredSecrets(domains, { principalFor: () => 'User:shared' });
    expect(secrets).toHaveLength(1);
    expect(secrets[0]!.domains).toEqual(['acme.retail', 'acme.user', 'acme.userprops']);
    expect(diagnostics.map((d) => d.code)).toEqual(['scram-shared-principal']);
  });

  it('reports a custom name without the prefix as an error naming the fix', () => {
    const { secrets, diagnostics } = desiredSecrets([domains[0]!], { principalFor: principalResolver(), secretNameFor: (d) => `kafka/${d}` });
    expect(secrets).toEqual([]);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', code: 'scram-secret-name' });
    expect(diagnostics[0]!.fix).toContain('AmazonMSK_kafka/acme.user');
  });

  it('refuses principals that are not users, and two domains on one secret name', () => {
    expect(desiredSecrets([domains[0]!], { principalFor: () => 'Group:x' }).diagnostics[0]!.code).toBe('scram-principal-not-user');
    const clash = desiredSecrets(domains.slice(0, 2), { principalFor: principalResolver(), secretNameFor: () => 'AmazonMSK_same' });
    expect(clash.diagnostics.map((d) => d.code)).toEqual(['scram-secret-name-clash']);
  });
});
