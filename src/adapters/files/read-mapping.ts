import { promises as fs } from 'node:fs';
import { InvalidInputError } from '../../core/errors.js';
import { error } from '../../core/diagnostic.js';

/** Reads a `domain: value` mapping file (YAML or JSON). */
export async function readMapping(file: string, what: string): Promise<Record<string, string>> {
  const fail = (summary: string): never => {
    throw new InvalidInputError([error('mapping-file', summary, { file }, `Write ${what} as a YAML or JSON mapping, e.g. \`acme.retail.orders: <value>\`.`)]);
  };
  const text = await fs.readFile(file, 'utf8').catch(() => fail(`Cannot read ${what} file ${file}`));
  let data: unknown;
  try {
    data = (await import('yaml')).parse(text);
  } catch {
    fail(`${file} is not valid YAML or JSON`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) fail(`${file} must map domains to values`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    if (typeof v !== 'string') fail(`${file}: the value for "${k}" must be a string`);
    out[k] = v as string;
  }
  return out;
}
