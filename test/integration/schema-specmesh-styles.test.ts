// SpecMesh's ways of sharing Avro types, provisioned against the real registry: a type defined in
// another channel's schema file of the same spec (that channel's subject is registered first and
// referenced), a field's "subject" attribute (the type registered and referenced under it), and a
// type of a nested namespace (its own domain's: referenced, never registered by the parent).
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { httpSchemaRegistry } from '../../src/adapters/registry/http-schema-registry.js';
import { Session } from '../../src/orchestrate/session.js';
import { writeTempFiles } from '../support/temp-specs.js';
import { adminConnection, runCli } from './support/cli.js';

const kafka = inject('kafka');
const registryUrl = inject('schemaRegistry').url;
const registry = httpSchemaRegistry({ url: registryUrl, retries: 1 });
const conn = adminConnection(kafka);
afterAll(() => registry.close());
const cli = (dir: string, cmd: string, ...extra: string[]) =>
  runCli([cmd, '--spec', dir, ...conn.args, '--schema-registry-url', registryUrl, ...(cmd === 'provision' ? ['--auto-approve'] : []), ...extra], conn.env);
const topicExists = async (topic: string): Promise<boolean> => {
  const session = new Session({
    kafka: { bootstrapServers: kafka.bootstrap, securityProtocol: 'SASL_PLAINTEXT', saslMechanism: 'SCRAM-SHA-512', saslUsername: kafka.adminUser },
    env: { SPECMESH_SASL_PASSWORD: kafka.adminPassword },
  });
  try {
    return (await (await session.kafkaAdmin())!.listTopics()).includes(topic);
  } finally {
    await session.close();
  }
};

const spec = (domain: string, channels: Record<string, string>): string => `asyncapi: '2.6.0'
id: 'urn:${domain}'
info: { title: t, version: '1' }
channels:
${Object.entries(channels).map(([channel, file]) => `  ${channel}:
    bindings:
      kafka: { partitions: 1 }
    publish:
      message:
        schemaFormat: 'application/vnd.apache.avro+json;version=1.9.0'
        payload: { $ref: ${file} }
`).join('')}`;
const json = (v: unknown) => JSON.stringify(v, null, 2);
const stringField = (name: string) => ({ name, type: 'string' });

interface PlannedChange { kind: string; id: string; action: string; after?: { references: { name: string; subject: string }[] } }

describe('a type defined in another channel\'s schema of the same spec', () => {
  it('registers that channel\'s subject first and references the type from it, and the registry takes both', async () => {
    const d = `xr${randomBytes(3).toString('hex')}.shop`;
    const dir = writeTempFiles({
      'shop-api.yaml': spec(d, { '_public.orders': `schema/${d}._public.orders.avsc`, '_public.customers': `schema/${d}._public.customers.avsc` }),
      // Orders uses Customer and Address, both defined only inside the customers channel's schema.
      [`schema/${d}._public.orders.avsc`]: json({ type: 'record', name: 'Order', namespace: d, fields: [stringField('id'), { name: 'customer', type: 'Customer' }, { name: 'deliverTo', type: 'Address' }] }),
      [`schema/${d}._public.customers.avsc`]: json({
        type: 'record', name: 'Customer', namespace: d,
        fields: [stringField('name'), { name: 'home', type: { type: 'record', name: 'Address', fields: [stringField('street')] } }],
      }),
    });
    const orders = `${d}._public.orders-value`;
    const customers = `${d}._public.customers-value`;

    const validated = await runCli(['validate', '--spec', dir]);
    expect(validated.code, validated.stderr).toBe(0);

    const planned = await cli(dir, 'plan', '--format', 'json');
    expect(planned.code, planned.stderr).toBe(0);
    const schemas = (JSON.parse(planned.stdout).changes as PlannedChange[]).filter((c) => c.kind === 'schema');
    expect(schemas.map((c) => `${c.action} ${c.id}`)).toEqual([`create ${customers}`, `create ${orders}`]);
    expect(schemas[1]!.after!.references).toEqual([{ name: `${d}.Customer`, subject: customers }, { name: `${d}.Address`, subject: customers }]);
    const text = await cli(dir, 'plan');
    expect(text.stdout).toContain(`references ${d}.Customer (subject ${customers})@new, ${d}.Address (subject ${customers})@new`);

    const applied = await cli(dir, 'provision');
    expect(applied.code, applied.stderr).toBe(0);
    const registeredCustomers = await registry.getVersion(customers, 'latest');
    const registeredOrders = await registry.getVersion(orders, 'latest');
    expect(registeredOrders?.references).toEqual([
      { name: `${d}.Customer`, subject: customers, version: 1 },
      { name: `${d}.Address`, subject: customers, version: 1 },
    ]);
    // Registered in that order: the registry gives ids in the order it takes schemas.
    expect(registeredCustomers!.id).toBeLessThan(registeredOrders!.id);
    expect(await registry.listSubjects()).not.toContain(`${d}.Customer`);
    expect((await cli(dir, 'plan', '--detailed-exitcode')).code).toBe(0);
  });
});

describe('a field\'s "subject" attribute', () => {
  it('registers the type it names under that subject and references it there', async () => {
    const d = `fs${randomBytes(3).toString('hex')}.crm`;
    const custom = `${d}.user-shared`;
    const dir = writeTempFiles({
      'crm-api.yaml': spec(d, { '_public.signups': `schema/${d}._public.signups.avsc` }),
      [`schema/${d}._public.signups.avsc`]: json({ type: 'record', name: 'SignedUp', namespace: d, fields: [{ name: 'user', type: `${d}.User`, subject: custom }] }),
      [`schema/${d}.User.avsc`]: json({ type: 'record', name: 'User', namespace: d, fields: [stringField('email')] }),
    });
    const applied = await cli(dir, 'provision');
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain(`ok      create schema ${custom}`);
    expect((await registry.getVersion(`${d}._public.signups-value`, 'latest'))?.references).toEqual([{ name: `${d}.User`, subject: custom, version: 1 }]);
    expect(await registry.listSubjects()).not.toContain(`${d}.User`);
    expect((await cli(dir, 'plan', '--detailed-exitcode')).code).toBe(0);
  });
});

describe('a type in a nested namespace', { shuffle: false }, () => {
  const parent = `nn${randomBytes(3).toString('hex')}.shop`;
  const child = `${parent}.billing`;
  const invoice = json({ type: 'record', name: 'Invoice', namespace: child, fields: [stringField('number')] });
  // Each domain's spec in its own folder; the parent keeps a copy of the child's type beside its schema, as SpecMesh's examples do.
  const parentDir = writeTempFiles({
    'shop-api.yaml': spec(parent, { '_public.orders': `schema/${parent}._public.orders.avsc` }),
    [`schema/${parent}._public.orders.avsc`]: json({ type: 'record', name: 'Order', namespace: parent, fields: [{ name: 'invoice', type: `${child}.Invoice` }] }),
    [`schema/${child}.Invoice.avsc`]: invoice,
  });
  const childDir = writeTempFiles({
    'billing-api.yaml': spec(child, { '_public.invoices': `schema/${child}._public.invoices.avsc` }),
    [`schema/${child}._public.invoices.avsc`]: json({ type: 'record', name: 'Issued', namespace: child, fields: [{ name: 'invoice', type: 'Invoice' }] }),
    [`schema/${child}.Invoice.avsc`]: invoice,
  });

  it('is not registered by the parent domain: provisioning the parent alone fails, says which domain registers it first, and changes nothing', async () => {
    const provisioned = await cli(parentDir, 'provision');
    expect(provisioned.code).toBe(1);
    expect(provisioned.stdout).not.toContain('Apply:');
    expect(provisioned.stderr).toContain(`uses type "${child}.Invoice", whose namespace "${child}" is nested in domain "${parent}" and so belongs to domain "${child}" (a domain registers only its own exact namespace), and the registry has no subject "${child}.Invoice"; this plan references it and does not register it`);
    expect(provisioned.stderr).toContain(`Provision the spec of domain "${child}" first`);
    expect(await topicExists(`${parent}._public.orders`)).toBe(false);
    expect((await registry.listSubjects()).filter((s) => s.startsWith(parent))).toEqual([]);
  });

  it('is registered by its own domain\'s spec and then referenced, not registered, by the parent\'s', async () => {
    const childApplied = await cli(childDir, 'provision');
    expect(childApplied.code, childApplied.stderr).toBe(0);
    expect(childApplied.stdout).toContain(`ok      create schema ${child}.Invoice`);

    const planned = await cli(parentDir, 'plan', '--format', 'json');
    expect(planned.code, planned.stderr).toBe(0);
    const schemas = (JSON.parse(planned.stdout).changes as PlannedChange[]).filter((c) => c.kind === 'schema');
    expect(schemas.map((c) => `${c.action} ${c.id}`)).toEqual([`create ${parent}._public.orders-value`]);

    const applied = await cli(parentDir, 'provision');
    expect(applied.code, applied.stderr).toBe(0);
    expect((await registry.getVersion(`${parent}._public.orders-value`, 'latest'))?.references).toEqual([{ name: `${child}.Invoice`, subject: `${child}.Invoice`, version: 1 }]);
    expect(await registry.listVersions(`${child}.Invoice`)).toEqual([1]);
  });
});
