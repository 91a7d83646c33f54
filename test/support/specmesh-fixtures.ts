import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * SpecMesh's own sample specs, read in place: `../shared/fixtures/specmesh` beside this checkout,
 * or wherever SPECMESH_FIXTURES points. Missing, they fail the tests that read them with a message
 * that says where they were looked for, not with a file-not-found deep in a test.
 */
export function specmeshFixtures(...segments: string[]): string {
  const base = process.env['SPECMESH_FIXTURES'] ?? path.resolve(root, '..', 'shared', 'fixtures', 'specmesh');
  if (!existsSync(base)) {
    throw new Error(`SpecMesh's sample specs are not at ${base}: the tests read them from ../shared/fixtures/specmesh beside the checkout, or from SPECMESH_FIXTURES`);
  }
  return path.join(base, ...segments);
}
