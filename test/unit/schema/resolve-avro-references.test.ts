import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAvroReferences } from '../../../src/schema/resolve-avro-references.js';
import { writeTempFiles } from '../../support/temp-specs.js';

const readText = (file: string) => fs.readFile(file, 'utf8').catch(() => undefined);
const rec = (ns: string, name: string, ...uses: string[]) =>
  JSON.stringify({ type: 'record', name, namespace: ns, fields: uses.map((u, i) => ({ name: `f${i}`, type: u })) });

async function resolve(files: Record<string, string>, root: string, mayBeElsewhere?: (n: string) => boolean) {
  const dir = writeTempFiles(files);
  const file = path.join(dir, root);
  return resolveAvroReferences({ file, parsed: JSON.parse(files[root]!) }, { readText, ...(mayBeElsewhere ? { mayBeElsewhere } : {}) });
}

describe('Avro reference resolution', () => {
  it('loads used types from <full.name>.avsc beside the schema, recursively, leaves first and each once', async () => {
    const r = await resolve({
      'a.Root.avsc': rec('a', 'Root', 'Left', 'a.Right'),
      'a.Left.avsc': rec('a', 'Left', 'Shared'),
      'a.Right.avsc': rec('a', 'Right', 'a.Shared', 'b.Other'),
      'a.Shared.avsc': rec('a', 'Shared'),
      'b.Other.avsc': rec('b', 'Other'),
    }, 'a.Root.avsc');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.graph.root.references).toEqual(['a.Left', 'a.Right']);
    expect(r.graph.types.map((t) => t.name)).toEqual(['a.Shared', 'a.Left', 'b.Other', 'a.Right']);
    expect(r.graph.types.find((t) => t.name === 'a.Right')?.references).toEqual(['a.Shared', 'b.Other']);
  });

  it('calls a name with no file an unknown type, where it is written, with the chain of files that led there', async () => {
    const files = { 'a.Root.avsc': rec('a', 'Root', 'A'), 'a.A.avsc': '{"type": "record", "name": "A", "namespace": "a",\n  "fields": [{"name": "f0", "type": "Bee"}]}' };
    const r = await resolve(files, 'a.Root.avsc');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problem).toBe('Unknown type "Bee" (full name a.Bee) in a.A.avsc: not an Avro type, not defined there, and no a.Bee.avsc beside it (reached through a.Root.avsc → a.A.avsc)');
    expect(r.unknownType).toBe(true);
    expect(r.chain.map((f) => path.basename(f))).toEqual(['a.Root.avsc', 'a.A.avsc', 'a.Bee.avsc']);
    expect(r.at).toEqual({ file: expect.stringMatching(/a\.A\.avsc$/), line: 2, column: 37 });
  });

  it('suggests the Avro types and defined names near a misspelt one, and never looks for a typo elsewhere', async () => {
    const root = JSON.stringify({ type: 'record', name: 'Root', namespace: 'a', fields: [{ name: 'p', type: 'dobule' }, { name: 'c', type: { type: 'enum', name: 'Colour', symbols: ['R'] } }, { name: 'd', type: 'Colur' }] });
    const typo = await resolve({ 'a.Root.avsc': root }, 'a.Root.avsc', () => true);
    expect(typo.ok || typo.problem).toContain('Unknown type "dobule" (full name a.dobule) in a.Root.avsc: not an Avro type, not defined there, and no a.dobule.avsc beside it (did you mean "double"?)');
    const near = await resolve({ 'a.Root.avsc': root.replace('dobule', 'double') }, 'a.Root.avsc');
    expect(near.ok || near.problem).toContain('(did you mean "Colour"?)');
  });

  it('names the chain of a cycle', async () => {
    const r = await resolve({ 'a.Root.avsc': rec('a', 'Root', 'A'), 'a.A.avsc': rec('a', 'A', 'B'), 'a.B.avsc': rec('a', 'B', 'A') }, 'a.Root.avsc');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem).toContain('Cyclic schema references: a.Root.avsc → a.A.avsc → a.B.avsc → a.A.avsc');
      expect(r.chain.map((f) => path.basename(f))).toEqual(['a.Root.avsc', 'a.A.avsc', 'a.B.avsc', 'a.A.avsc']);
    }
  });

  it('counts a reference back to the root type as a cycle too', async () => {
    const r = await resolve({ 'a.Root.avsc': rec('a', 'Root', 'A'), 'a.A.avsc': rec('a', 'A', 'a.Root') }, 'a.Root.avsc');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toContain('a.Root.avsc → a.A.avsc → a.Root.avsc');
  });

  it('rejects a file that defines another type than its name says, and one that is not JSON', async () => {
    const wrong = await resolve({ 'a.Root.avsc': rec('a', 'Root', 'A'), 'a.A.avsc': rec('a', 'Z') }, 'a.Root.avsc');
    expect(wrong.ok || wrong.problem).toContain('a.A.avsc should define the type "a.A" at its top level, but defines "a.Z"');
    const broken = await resolve({ 'a.Root.avsc': rec('a', 'Root', 'A'), 'a.A.avsc': '{"type": "record",' }, 'a.Root.avsc');
    expect(broken.ok || broken.problem).toMatch(/^Cannot parse a\.A\.avsc: .* at line 1, column \d+ \(reached through a\.Root\.avsc\)$/);
    expect(broken.ok || broken.at).toEqual({ file: expect.stringMatching(/a\.A\.avsc$/), line: 1, column: expect.any(Number) });
  });

  it('reads files with comments, as SpecMesh does', async () => {
    const r = await resolve({ 'a.Root.avsc': rec('a', 'Root', 'A'), 'a.A.avsc': '// shared\n{"type":"record","name":"A","namespace":"a","fields":[]}' }, 'a.Root.avsc');
    expect(r.ok).toBe(true);
  });

  it('leaves a missing type of another domain to the registry when allowed', async () => {
    const r = await resolve({ 'a.Root.avsc': rec('a', 'Root', 'other.Shared') }, 'a.Root.avsc', (n) => !n.startsWith('a.'));
    expect(r.ok && r.graph.elsewhere).toEqual(['other.Shared']);
  });

  it('takes a type without a file of its own from the spec\'s other channels, a file beside it first, and refuses one two channels define', async () => {
    const dir = writeTempFiles({ 'a.Root.avsc': rec('a', 'Root', 'a.Customer', 'a.Beside'), 'a.Beside.avsc': rec('a', 'Beside') });
    const customers = { name: 'a.Customer', subject: 'a._public.customers-value', file: path.join(dir, 'a._public.customers.avsc'), topic: 'a._public.customers' };
    const root = { file: path.join(dir, 'a.Root.avsc'), parsed: JSON.parse(rec('a', 'Root', 'a.Customer', 'a.Beside')) };
    const one = await resolveAvroReferences(root, { readText, inSpec: (n) => (n === 'a.Customer' || n === 'a.Beside' ? [customers] : []) });
    expect(one.ok && one.graph.inSpec).toEqual([customers]);
    expect(one.ok && one.graph.types.map((t) => t.name)).toEqual(['a.Beside']);
    const other = { ...customers, subject: 'a._public.vip-value', file: path.join(dir, 'a._public.vip.avsc'), topic: 'a._public.vip' };
    const two = await resolveAvroReferences(root, { readText, inSpec: (n) => (n === 'a.Customer' ? [customers, other] : []) });
    expect(two.ok || two.problem).toBe('Type "a.Customer" used in a.Root.avsc is defined in the schemas of 2 channels (a._public.customers: a._public.customers.avsc, a._public.vip: a._public.vip.avsc), so which subject to reference is ambiguous');
  });

  it('reads a field\'s "subject" attribute as the subject of the one type from another schema the field uses', async () => {
    const root = JSON.stringify({ type: 'record', name: 'Root', namespace: 'a', fields: [{ name: 'u', type: ['null', 'User'], subject: 'users' }] }, null, 2);
    const dir = writeTempFiles({ 'a.User.avsc': rec('a', 'User') });
    const r = await resolveAvroReferences({ file: path.join(dir, 'a.Root.avsc'), parsed: JSON.parse(root), text: root }, { readText });
    expect(r.ok && [...r.graph.subjects].map(([n, s]) => [n, s.subject, s.at.line])).toEqual([['a.User', 'users', 12]]);
  });
});
