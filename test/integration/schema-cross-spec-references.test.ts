// A type of one domain used by another domain's schema, with both specs in one plan (SpecMesh's
// schema-ref sample: trading's Trade uses shared's Currency): the plan registers the shared type
// first and references it, against a real registry.
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { actions, applySchemaChanges, pending, planSchemas, SPECMESH_FIXTURES, useSchemaRegistry } from '../servers/schema-registry-fixture.js';

const schemaRef = path.join(SPECMESH_FIXTURES, 'specmesh-build/kafka/src/test/resources/schema-ref');
const shared = path.join(schemaRef, 'com.example.shared-api.yml');
const trading = path.join(schemaRef, 'com.example.trading-api.yml');
const CURRENCY = 'com.example.shared.Currency';
const TRADE = 'com.example.trading._public.trade-value';
const TRADE_INFO = 'com.example.trading.TradeInfo';

describe("one plan over specs whose schemas use each other's types", () => {
  const sr = useSchemaRegistry();
  // Other test files plan the same sample one spec at a time against the same registry: its
  // subjects are removed (permanently) before each test and after the last, so no test sees another's.
  const removeSampleSubjects = async (): Promise<void> => {
    const subject = (s: string) => `${sr.url}/subjects/${encodeURIComponent(s)}`;
    const listed = async (query: string) => ((await (await fetch(`${sr.url}/subjects${query}`)).json()) as string[]).filter((s) => s.startsWith('com.example.'));
    // A subject still referenced cannot be deleted: its users go first, pass by pass.
    for (let pass = 0; pass < 5; pass++) {
      const left = await listed('?deleted=true');
      if (left.length === 0) return;
      for (const s of left) {
        await fetch(subject(s), { method: 'DELETE' });
        await fetch(`${subject(s)}?permanent=true`, { method: 'DELETE' });
      }
    }
    throw new Error(`subjects of the sample left in the registry: ${(await listed('?deleted=true')).join(', ')}`);
  };
  beforeEach(removeSampleSubjects);
  afterAll(removeSampleSubjects);

  it('registers the shared type first and references it from trading, in one plan and one provision, then plans no change', async () => {
    const first = await planSchemas(sr.registry, [trading, shared]);
    expect(first.errors).toEqual([]);
    expect(actions(first.changes).sort()).toEqual([`create ${CURRENCY}`, `create ${TRADE_INFO}`, `create ${TRADE}`]);
    // The shared type is planned before the schema that uses it; its version is known on apply.
    const ids = first.changes.map((c) => c.id);
    expect(ids.indexOf(CURRENCY)).toBeLessThan(ids.indexOf(TRADE));
    const trade = first.changes.find((c) => c.id === TRADE)!;
    expect(trade.after?.references).toEqual([
      { name: CURRENCY, subject: CURRENCY },
      { name: TRADE_INFO, subject: TRADE_INFO },
    ]);

    const report = await applySchemaChanges(sr.registry, first.changes);
    expect(report.results).toHaveLength(first.changes.length);
    expect(report.failed).toBe(0);

    const subjects = await sr.registry.listSubjects();
    expect(subjects).toEqual(expect.arrayContaining([CURRENCY, TRADE, TRADE_INFO]));
    const currency = await sr.registry.getVersion(CURRENCY, 'latest');
    expect(JSON.parse(currency!.schema)).toMatchObject({ type: 'record', name: 'Currency', namespace: 'com.example.shared' });
    const registered = await sr.registry.getVersion(TRADE, 'latest');
    expect(registered?.references).toContainEqual({ name: CURRENCY, subject: CURRENCY, version: currency!.version });

    const again = await planSchemas(sr.registry, [trading, shared]);
    expect(again.errors).toEqual([]);
    expect(pending(again.changes)).toEqual([]);
    expect(again.changes).toHaveLength(3);
  });

  it("still fails when the owning domain's spec is not in the plan and the registry lacks the type", async () => {
    const alone = await planSchemas(sr.registry, [trading]);
    expect(alone.changes).toEqual([]);
    expect(alone.errors.map((d) => d.code)).toEqual(['schema-reference-unregistered']);
    expect(alone.errors[0]!.summary).toContain(`uses type "${CURRENCY}"`);
    expect(alone.errors[0]!.summary).toContain(`the registry has no subject "${CURRENCY}"`);
    expect(alone.errors[0]!.location).toMatchObject({ line: 42 });
  });
});
