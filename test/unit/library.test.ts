import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The published entry point (dist/, built by `npm test`), imported by package name as users do.
describe('the specmesh package', () => {
  it('plans and renders from build scripts with the same functions the CLI uses', async () => {
    const lib = await import('specmesh');
    const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
    const { plan, diagnostics } = await lib.planSpecs(['specs/'], { cwd: root, cacheDir: false, emitters: ['acl'] });
    expect(lib.hasErrors(diagnostics)).toBe(false);
    expect(plan?.formatVersion).toBe(1);
    expect(lib.renderMarkdown(plan!)).toContain('### specmesh plan');
    expect(JSON.parse(lib.renderJson(plan!)).summary).toEqual(plan!.summary);
    const loaded = await lib.loadSpecs(['specs/orders-api.yaml'], { cwd: root, cacheDir: false });
    expect(loaded.domains.map((d) => d.id)).toEqual(['acme.retail.orders']);
  });

  it('draws the estate the specs describe, as the graph command does', async () => {
    const lib = await import('specmesh');
    const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
    const { domains } = await lib.loadSpecs(['specs/'], { cwd: root, cacheDir: false });
    const graph = lib.buildEstateGraph(domains);
    expect(graph.domains.map((d) => d.id)).toEqual(['acme.retail', 'acme.retail.orders', 'acme.retail.payments']);
    expect(lib.renderGraphMermaid(graph)).toContain('t_acme_retail_orders__protected_order_paid -.->|grant| d_acme_retail_payments');
    expect(lib.renderGraphDot(graph)).toContain('"topic:acme.retail.orders._protected.order_paid" -> "domain:acme.retail.payments" [label="grant", style=dashed];');
  });

  it('refuses an unknown emitter, or none, naming it and the known ones, instead of planning topics only', async () => {
    const lib = await import('specmesh');
    const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
    const cases: [string[], string][] = [
      [['nope'], 'Unknown emitter "nope"'],
      [['ACL'], 'Unknown emitter "ACL" (did you mean "acl"?)'],
      [['iam '], 'Unknown emitter "iam " (did you mean "iam"?)'],
      [['acl', 'nope'], 'Unknown emitter "nope"'],
      [[], 'No emitter given'],
    ];
    for (const [emitters, message] of cases) {
      const planned = lib.planSpecs(['specs/'], { cwd: root, cacheDir: false, emitters: emitters as ('acl' | 'iam')[] });
      await expect(planned, JSON.stringify(emitters)).rejects.toBeInstanceOf(lib.InvalidInputError);
      await expect(planned, JSON.stringify(emitters)).rejects.toThrow(message);
      await expect(planned, JSON.stringify(emitters)).rejects.toThrow('the emitters are acl, iam, scram, schema');
    }
    const provisioned = lib.provisionSpecs(['specs/'], { cwd: root, cacheDir: false, emitters: ['nope' as 'acl'], dryRun: true });
    await expect(provisioned).rejects.toThrow('Unknown emitter "nope"');
  });
});
