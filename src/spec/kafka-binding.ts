import type { Diagnostic, SourceLocation } from '../core/diagnostic.js';
import { error } from '../core/diagnostic.js';
import type { PathSegment, YamlSource } from './yaml-locator.js';

export interface TopicSettings {
  partitions: number;
  /** Where `partitions` is written, when it is. */
  partitionsLocation?: SourceLocation;
  replicationFactor?: number;
  configs: Record<string, string>;
  envs?: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Kafka's wire form of a config value: arrays (e.g. `cleanup.policy: [delete, compact]`) become comma lists. */
export function configValue(v: unknown): string {
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).join(',');
  if (typeof v === 'string' && v.includes(',')) return v.split(',').map((x) => x.trim()).join(',');
  return String(v);
}

/**
 * Reads partitions, replicas, configs and envs from a channel's Kafka binding. Both the standard
 * `topicConfiguration` and SpecMesh's `configs` are accepted; a key both set differently is an error.
 */
export function readTopicSettings(binding: unknown, path: PathSegment[], src: YamlSource, topic: string): { settings: TopicSettings; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const settings: TopicSettings = { partitions: 1, configs: {} };
  if (binding === undefined || binding === null) return { settings, diagnostics };
  if (!isObj(binding)) {
    diagnostics.push(error('binding-invalid', `Kafka binding of topic "${topic}" must be a mapping`, src.locate(path), 'Write `bindings.kafka` as key/value pairs.'));
    return { settings, diagnostics };
  }
  const count = (key: 'partitions' | 'replicas', label: string): number | undefined => {
    const v = binding[key];
    if (v === undefined || v === null) return undefined;
    const n = typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
      diagnostics.push(error(`${key}-invalid`, `Invalid topic "${topic}": ${label} must be a whole number >= 1 (got ${JSON.stringify(v)})`,
        src.locate([...path, key]), `Set \`${key}\` to 1 or more.`));
      return undefined;
    }
    return n;
  };
  settings.partitions = count('partitions', 'partitions') ?? 1;
  if (binding['partitions'] !== undefined && binding['partitions'] !== null) settings.partitionsLocation = src.locate([...path, 'partitions']);
  const rf = count('replicas', 'replicas');
  if (rf !== undefined) settings.replicationFactor = rf;

  const merged: Record<string, { value: string; from: PathSegment[] }> = {};
  for (const key of ['topicConfiguration', 'configs'] as const) {
    const block = binding[key];
    if (block === undefined || block === null) continue;
    if (!isObj(block)) {
      diagnostics.push(error('configs-invalid', `\`${key}\` of topic "${topic}" must be a mapping of config names to values`, src.locate([...path, key]),
        `Write \`${key}\` as key/value pairs, e.g. \`${key}: { retention.ms: 604800000 }\`.`));
      continue;
    }
    for (const [name, raw] of Object.entries(block)) {
      if (raw === null || raw === undefined || isObj(raw)) {
        diagnostics.push(error('config-value-invalid', `Topic "${topic}": config "${name}" has no usable value`, src.locate([...path, key, name]), 'Give the config a scalar value, e.g. `retention.ms: 604800000`.'));
        continue;
      }
      // A long beyond 2^53 (retention.bytes: 9223372036854775807) is read as written, not as a rounded double.
      const written = typeof raw === 'number' && !Number.isSafeInteger(raw) ? src.raw([...path, key, name]) : undefined;
      const value = written !== undefined && /^-?\d+$/.test(written) ? written : configValue(raw);
      const prior = merged[name];
      if (prior && prior.value !== value) {
        diagnostics.push(error('configs-disagree',
          `Topic "${topic}": config "${name}" is "${prior.value}" in \`${String(prior.from.at(-2))}\` but "${value}" in \`${key}\``,
          src.locate([...path, key, name]), 'Set it in one place only, or make both values equal.'));
        continue;
      }
      merged[name] = { value, from: [...path, key, name] };
    }
  }
  for (const [name, { value }] of Object.entries(merged)) settings.configs[name] = value;

  const envs = binding['envs'];
  if (envs !== undefined) {
    if (Array.isArray(envs) && envs.every((e) => typeof e === 'string')) settings.envs = envs as string[];
    else diagnostics.push(error('envs-invalid', `\`envs\` of topic "${topic}" must be a list of environment names`, src.locate([...path, 'envs']),
      'Write `envs` as a list, e.g. `envs: [dev, prod]`.'));
  }
  return { settings, diagnostics };
}
