import { describe, expect, it } from 'vitest';
import { buildIamPolicies } from '../../../src/iam/index.js';
import { domain } from '../../support/domain-builder.js';
import { CLUSTER_ARN, OTHER_ACCOUNT, roleOf, roleTemplate } from './simulate.js';

const estate = [
  domain('acme.retail').owns('public', 'b').consumes('acme.z._public.z', 'acme.a._public.a', 'acme.retail.orders._protected.paid').build(),
  domain('acme.retail.orders').owns('protected', 'paid', ['acme.retail']).build(),
  domain('acme.retail.payments').build(),
  domain('acme.z').owns('public', 'z').build(),
  domain('acme.a').owns('public', 'a').build(),
];
const options = { clusterArn: CLUSTER_ARN, roleTemplate: roleTemplate(), roleMapping: { 'acme.z': roleOf('acme.z', OTHER_ACCOUNT) } };

describe('deterministic output', () => {
  it('does not depend on the order of the input', () => {
    const forward = buildIamPolicies(estate, options);
    const backward = buildIamPolicies([...estate].reverse(), options);
    expect(JSON.stringify(backward)).toBe(JSON.stringify(forward));
  });

  it('sorts policies by domain, and actions and resources within each statement', () => {
    const { policies, clusterPolicy } = buildIamPolicies(estate, options);
    expect(policies.map((p) => p.domain)).toEqual(['acme.a', 'acme.retail', 'acme.retail.orders', 'acme.retail.payments', 'acme.z']);
    for (const s of [...policies.flatMap((p) => p.document.Statement), ...clusterPolicy!.document.Statement]) {
      expect(s.Action).toEqual([...s.Action].sort());
      expect(s.Resource).toEqual([...s.Resource].sort());
    }
  });

  it('gives every statement a readable, alphanumeric Sid, unique within its document', () => {
    const { policies, clusterPolicy } = buildIamPolicies(estate, options);
    for (const doc of [...policies.map((p) => p.document), clusterPolicy!.document]) {
      const sids = doc.Statement.map((s) => s.Sid);
      expect(sids.every((sid) => /^[A-Za-z][A-Za-z0-9]*$/.test(sid))).toBe(true);
      expect(new Set(sids).size).toBe(sids.length);
    }
    expect(policies.find((p) => p.domain === 'acme.retail')!.document.Statement.map((s) => s.Sid)).toEqual([
      'Cluster', 'OwnTopics', 'CreatePrivateTopics', 'OwnGroups', 'OwnTransactionalIds', 'ReadConsumedTopics',
      'DenyNestedDomainGroups', 'DenyNestedDomainTransactionalIds',
    ]);
  });
});
