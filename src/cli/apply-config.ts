import path from 'node:path';
import { findConfigFile, readConfigFile } from '../adapters/files/read-config-file.js';
import { existsSync } from 'node:fs';
import { SpecmeshError } from '../core/errors.js';
import { defaultLocalDir, localClusterStatus } from '../local/local-cluster.js';
import { dirOption, shownPath } from './local-hints.js';

/** Settings whose values are paths: relative ones are read from the config file's folder. */
const PATHS = /^(spec|command-config|principal-map|iam-role-map|cache-dir|schema-registry-ca|.*-file)$/;

type FlagDefinitions = Record<string, object>;

/**
 * Fills in what the command line left unset from `specmesh.config.yaml` (in the current folder
 * or a parent, or `--config`), its top-level settings and then `--profile`'s. Flags, and the
 * environment variables flags read, win. `sasl-password-env` names the variable that holds the
 * SASL password; the file never holds a secret. One file serves every command: a setting of
 * another command (`everySetting`) is ignored here, and only one no command has is refused.
 */
export async function withConfig<F extends object>(flags: F, metadata: { flags: Record<string, { setFromDefault?: boolean } | undefined> }, definitions: FlagDefinitions, everySetting: Iterable<string>, cwd = process.cwd()): Promise<F> {
  const given = flags as Record<string, unknown>;
  const profile = given['profile'] as string | undefined;
  const file = (given['config'] as string | undefined) ?? findConfigFile(cwd);
  // `--profile local` is the cluster `specmesh local start` runs, unless the config file has a `local` profile of its own.
  const known = configSettings(definitions, everySetting);
  if (profile === 'local' && !(file && (await hasProfile(file, 'local', known)))) {
    const withoutProfile = file ? await withConfig({ ...flags, profile: undefined, config: file }, metadata, definitions, everySetting, cwd) : flags;
    return withLocalCluster(withoutProfile);
  }
  if (!file) {
    if (profile) throw new SpecmeshError(`--profile ${profile} needs a config file, and there is no specmesh.config.yaml here or in a parent folder`, { fix: 'Create specmesh.config.yaml with `profiles:`, or pass --config <file>.' });
    return flags;
  }
  const { settings } = await readConfigFile(file, profile, known);
  const dir = path.dirname(path.resolve(file));
  const out: Record<string, unknown> = { ...given };
  for (const [key, { value }] of settings) {
    if (key === 'sasl-password-env') {
      const variable = String(value);
      // Unset, it is missed only when a connection needs the password, and the connection says so.
      const secret = process.env[variable];
      if (process.env['SPECMESH_SASL_PASSWORD'] === undefined && secret !== undefined) process.env['SPECMESH_SASL_PASSWORD'] = secret;
      continue;
    }
    // A setting of another command (`command-config` for validate): not this one's to use.
    if (!Object.hasOwn(definitions, key)) continue;
    if (given[key] !== undefined && !metadata.flags[key]?.setFromDefault) continue;
    const list = Array.isArray(value) ? value.map(String) : [String(value)];
    const resolved = PATHS.test(key) ? list.map((v) => path.resolve(dir, v)) : list;
    out[key] = (definitions[key] as { multiple?: boolean } | undefined)?.multiple ? resolved : typeof value === 'boolean' || typeof value === 'number' ? value : resolved[0];
  }
  return out as F;
}

/** What a config file may set: any command's flag (but the two that choose the file and profile), and `sasl-password-env`. */
function configSettings(definitions: FlagDefinitions, everySetting: Iterable<string>): Set<string> {
  const all = new Set([...Object.keys(definitions), ...everySetting, 'sasl-password-env']);
  all.delete('config');
  all.delete('profile');
  return all;
}

async function hasProfile(file: string, profile: string, known: ReadonlySet<string>): Promise<boolean> {
  try {
    await readConfigFile(file, profile, known);
    return true;
  } catch (e) {
    if (e instanceof Error && e.message.includes(`no profile "${profile}"`)) return false;
    throw e;
  }
}

/** The connection of the local cluster (`specmesh local start`): its admin client.properties. */
function withLocalCluster<F extends object>(flags: F): F {
  const given = flags as Record<string, unknown>;
  const dir = path.resolve(process.env['SPECMESH_LOCAL_DIR'] || defaultLocalDir());
  const adminProperties = path.join(dir, 'admin.properties');
  const status = localClusterStatus(dir);
  if (status.state === 'absent' || !existsSync(adminProperties)) {
    const elsewhere = dirOption(dir) ? '' : ' (for one started with --dir, set SPECMESH_LOCAL_DIR=<its folder>)';
    throw new SpecmeshError(`--profile local: no local cluster in ${shownPath(dir)}: it was never started there`, {
      fix: `Start it: \`specmesh local start --spec <specs>${dirOption(dir)}\`${elsewhere}, or add a \`local\` profile to specmesh.config.yaml.`,
    });
  }
  if (status.state === 'stopped') {
    const why = status.crashed ? 'its broker process is gone without a stop' : 'it was stopped';
    throw new SpecmeshError(`--profile local: the local cluster in ${shownPath(dir)} is not running (${why})`, { fix: `Start it again with its data: \`specmesh local start${dirOption(dir)}\`` });
  }
  const registry = status.state === 'running' && status.schemaRegistryUrl && given['schema-registry-url'] === undefined ? { 'schema-registry-url': status.schemaRegistryUrl } : {};
  if (given['bootstrap-server'] !== undefined || given['command-config'] !== undefined) return { ...flags, ...registry } as F;
  return { ...flags, 'command-config': adminProperties, ...registry } as F;
}
