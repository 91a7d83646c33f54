import { describe, expect, it } from 'vitest';
import { principalResolver } from '../../../src/acl/principals.js';
import { withChanges, buildPlan } from '../../../src/plan/build-plan.js';
import { renderJson } from '../../../src/render/render-json.js';
import { renderMarkdown } from '../../../src/render/render-markdown.js';
import { renderText } from '../../../src/render/render-text.js';
import { scramPlanner } from '../../../src/scram/scram-planner.js';
import { secretValue } from '../../../src/scram/password.js';
import { domain } from '../../support/domain-builder.js';
import { CLUSTER_ARN, fakePorts } from './fakes.js';

describe('SCRAM secrets in plan output', () => {
  it('render the password as (sensitive) in every format and carry no secret value', async () => {
    const ports = fakePorts();
    const key = ports.kms.addKey();
    const password = 'existing-password-that-must-never-show';
    ports.secrets.add({ name: 'AmazonMSK_specmesh_acme.b', value: secretValue('acme.b', password), kmsKeyId: key.arn,
      tags: { 'specmesh:managed-by': 'specmesh', 'specmesh:domain': 'acme.b', 'specmesh:principal': 'User:acme.b' } });
    const domains = [domain('acme.a').owns('public', 'x').build(), domain('acme.b').build()];
    const base = buildPlan({ domains, files: domains.map((d) => ({ file: d.file, domain: d.id })) }, { emitters: ['scram'], live: { topics: [], acls: [] }, liveSource: 'live' });
    const extra = await scramPlanner(ports, { clusterArn: CLUSTER_ARN, kmsKeyId: key.arn, principalFor: principalResolver(), rotateSecrets: true }).plan({ domains, cleanUnspecified: false });
    const plan = withChanges(base.plan, extra.changes, extra.diagnostics);

    const json = renderJson(plan);
    const parsed = JSON.parse(json) as { changes: { kind: string; action: string; after?: { password?: string }; before?: { password?: string } }[] };
    const scram = parsed.changes.filter((c) => c.kind === 'scram-secret');
    expect(scram.map((c) => c.action)).toEqual(['create', 'update']);
    for (const c of scram) {
      expect(c.after?.password).toBe('(sensitive)');
      if (c.before) expect(c.before.password).toBe('(sensitive)');
    }
    // The scram emitter plans the same principals' ACLs alongside.
    expect(parsed.changes.some((c) => c.kind === 'acl')).toBe(true);
    for (const out of [json, renderText(plan, { verbose: true }), renderMarkdown(plan)]) {
      expect(out).not.toContain(password);
      expect(out).toContain('AmazonMSK_specmesh_acme.a');
    }
    expect(renderText(plan)).toMatch(/\+ scram-secret AmazonMSK_specmesh_acme.a {2}\(user acme.a, SCRAM-SHA-512, new password, associated with the cluster\)/);
    expect(plan.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['msk-allow-everyone-default', 'msk-admin-acls']));
  });
});
