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

  it('names the chain of files that leads to a missing one', async () => {
    const r = await resolve({ 'a.Root.avsc': rec('a', 'Root', 'A'), 'a.A.avsc': rec('a', 'A', 'B') }, 'a.Root.avsc');
    expect(r).toEqual({ ok: false, problem: expect.stringContaining('a.Root.avsc → a.A.avsc → a.B.avsc'), chain: expect.any(Array) });
    if (!r.ok) expect(r.problem).toContain('Type "a.B" used by a.A.avsc is defined neither there nor in a.B.avsc beside it');
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
    expect(broken.ok || broken.problem).toMatch(/Cannot parse a\.A\.avsc \(a\.Root\.avsc → a\.A\.avsc\): .* at line 1/);
  });

  it('reads files with comments, as SpecMesh does', async () => {
    const r = await resolve({ 'a.Root.avsc': rec('a', 'Root', 'A'), 'a.A.avsc': '// shared\n{"type":"record","name":"A","namespace":"a","fields":[]}' }, 'a.Root.avsc');
    expect(r.ok).toBe(true);
  });

  it('leaves a missing type of another domain to the registry when allowed', async () => {
    const r = await resolve({ 'a.Root.avsc': rec('a', 'Root', 'other.Shared') }, 'a.Root.avsc', (n) => !n.startsWith('a.'));
    expect(r.ok && r.graph.elsewhere).toEqual(['other.Shared']);
  });
});
