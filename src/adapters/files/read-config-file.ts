import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { SpecmeshError } from '../../core/errors.js';
import { didYouMean, nearestNames } from '../../core/nearest-names.js';

export const CONFIG_FILE = 'specmesh.config.yaml';

/** A setting's value and the line it is on, for errors that point at it. */
export interface ConfigValue {
  value: unknown;
  line: number;
}

export interface ConfigSettings {
  file: string;
  profile?: string;
  settings: Map<string, ConfigValue>;
}

/** `specmesh.config.yaml` in `cwd` or the nearest parent folder holding one. */
export function findConfigFile(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    const file = path.join(dir, CONFIG_FILE);
    if (existsSync(file)) return file;
    if (path.dirname(dir) === dir) return undefined;
  }
}

const SECRET = /(password|secret|token|api-key)/i;
const REFERENCE = /-(file|env)$/;

/**
 * Reads a config file: top-level settings, and `profiles: { <name>: { … } }` whose settings win
 * over them. Keys are the commands' flag names. A secret is only ever referenced (`…-file`,
 * `…-env`); one written in the file is refused at its line, as is bad YAML, an unknown profile, or
 * a key `known` does not hold (with the known ones near it).
 */
export async function readConfigFile(file: string, profile: string | undefined, known: ReadonlySet<string>): Promise<ConfigSettings> {
  const text = await fs.readFile(file, 'utf8').catch((e: unknown) => {
    throw new SpecmeshError(`Cannot read the config file ${file}`, { cause: e, fix: 'Check the path passed to --config.' });
  });
  const { parseDocument, isMap, isScalar, isPair, LineCounter } = await import('yaml');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineOf = (offset: number | undefined): number => (offset === undefined ? 1 : lines.linePos(offset).line);
  const fail = (line: number, what: string, fix: string): never => {
    throw new SpecmeshError(`${file}:${line}: ${what}`, { fix });
  };
  const syntax = doc.errors[0];
  if (syntax) fail(lineOf(syntax.pos[0]), `not valid YAML: ${syntax.message.split('\n')[0]}`, 'Fix the YAML there.');
  const root = doc.contents;
  if (root === null) return { file, settings: new Map() };
  if (!isMap(root)) return fail(1, 'the config must be a mapping of settings (and `profiles:`)', 'Write `bootstrap-server: …`, `profiles: { prod: { … } }`.');
  const settings = new Map<string, ConfigValue>();
  const read = (map: unknown, where: string): void => {
    if (!isMap(map)) return;
    for (const item of map.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const key = String(item.key.value);
      const line = lineOf(item.key.range?.[0]);
      if (where === 'top' && key === 'profiles') continue;
      if (SECRET.test(key) && !REFERENCE.test(key)) {
        fail(line, `"${key}" would write a secret into the config file`, `Reference it instead: \`${key}-env: SOME_VARIABLE\` or \`${key}-file: /path/to/file\`.`);
      }
      if (!known.has(key)) {
        const near = nearestNames(key, known);
        fail(line, `unknown setting "${key}"${didYouMean(near)}`, near.length ? `Write \`${near[0]}:\`.` : 'Use the name of a flag of a specmesh command (without --), e.g. bootstrap-server, emitter, msk-cluster-arn, iam-role-template, schema-registry-url, env.');
      }
      const value = (item.value as { toJSON?: () => unknown } | null)?.toJSON?.() ?? (isScalar(item.value) ? item.value.value : null);
      settings.set(key, { value, line });
    }
  };
  // Every profile is checked for secrets, also those not chosen: the file must hold none.
  const allProfiles = root.get('profiles', true);
  if (isMap(allProfiles)) {
    for (const p of allProfiles.items) {
      if (!isPair(p) || !isMap(p.value)) continue;
      for (const item of p.value.items) {
        if (!isPair(item) || !isScalar(item.key)) continue;
        const key = String(item.key.value);
        if (SECRET.test(key) && !REFERENCE.test(key)) {
          fail(lineOf(item.key.range?.[0]), `"${key}" would write a secret into the config file`, `Reference it instead: \`${key}-env: SOME_VARIABLE\` or \`${key}-file: /path/to/file\`.`);
        }
      }
    }
  }
  read(root, 'top');
  if (profile !== undefined) {
    const profiles = root.get('profiles', true);
    const chosen = isMap(profiles) ? profiles.get(profile, true) : undefined;
    if (!isMap(chosen)) {
      const names = isMap(profiles) ? profiles.items.map((p) => (isPair(p) && isScalar(p.key) ? String(p.key.value) : '')).filter(Boolean) : [];
      fail(1, `no profile "${profile}"`, names.length ? `Choose one of: ${names.join(', ')}.` : 'Add `profiles: { <name>: { … } }` to the file.');
    }
    read(chosen, 'profile');
  }
  return { file, ...(profile !== undefined ? { profile } : {}), settings };
}
