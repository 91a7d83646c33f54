import { stringify } from 'yaml';
import type { LiveTopic } from '../kafka/topic-state.js';
import { DEFAULT_COMPATIBILITY, COMPATIBILITY_KEY, type CompatibilityLevel } from '../spec/compatibility-level.js';
import { ownerOfTopic } from '../spec/naming.js';
import type { SchemaType } from '../schema/schema-subject.js';

export type AsyncApiVersion = '2.6' | '3.0';
export const ASYNCAPI_VERSIONS: readonly AsyncApiVersion[] = ['2.6', '3.0'];

/** A topic's key or value schema as the registry holds it (TopicNameStrategy subject). */
export interface ExportedSchema {
  topic: string;
  part: 'key' | 'value';
  schemaType: SchemaType;
  schema: string;
  compatibility?: CompatibilityLevel;
}

export interface DomainExportInput {
  domain: string;
  /** The domain's own topics, as described on the cluster. */
  topics: readonly LiveTopic[];
  /** `grant-access` targets per protected topic (domains, or `_public`). */
  grants: ReadonlyMap<string, readonly string[]>;
  /** Other domains' topics the domain reads. */
  consumes: readonly string[];
  schemas: readonly ExportedSchema[];
  version: AsyncApiVersion;
}

export interface ExportedFile {
  /** Relative to the output folder, `/`-separated. */
  path: string;
  content: string;
}

type Obj = Record<string, unknown>;

const FORMATS: Record<SchemaType, { ext: string; schemaFormat: string }> = {
  AVRO: { ext: 'avsc', schemaFormat: 'application/vnd.apache.avro+json;version=1.9.0' },
  PROTOBUF: { ext: 'proto', schemaFormat: 'application/vnd.google.protobuf;version=3' },
  JSON: { ext: 'json', schemaFormat: 'application/schema+json;version=draft-07' },
};

/** `_public.order_placed` → `OrderPlaced`-style words for operation ids. */
const words = (name: string): string => name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');

/**
 * A config's wire value as the Kafka binding types it: `cleanup.policy` a list, whole numbers
 * integers (a long beyond 2^53 written digit for digit), `true`/`false` booleans.
 */
function configOut(name: string, v: string): unknown {
  if (name === 'cleanup.policy') return v.split(',').map((x) => x.trim());
  if (/^-?\d+$/.test(v)) return Number.isSafeInteger(Number(v)) ? Number(v) : BigInt(v);
  if (v === 'true' || v === 'false') return v === 'true';
  return v;
}

/** A schema's file name under `schema/`. */
export const schemaFileName = (s: Pick<ExportedSchema, 'topic' | 'part' | 'schemaType'>): string =>
  `schema/${s.topic}${s.part === 'key' ? '-key' : ''}.${FORMATS[s.schemaType].ext}`;

/** The registry's text as a file: JSON pretty-printed, Protobuf as it is. */
function schemaFileContent(s: ExportedSchema): string {
  if (s.schemaType === 'PROTOBUF') return s.schema.endsWith('\n') ? s.schema : `${s.schema}\n`;
  try {
    return `${JSON.stringify(JSON.parse(s.schema), null, 2)}\n`;
  } catch {
    return s.schema;
  }
}

/** Unique keys built from names: the second `x` becomes `x2`. */
function uniqueKeys(): (wanted: string) => string {
  const used = new Set<string>();
  return (wanted) => {
    let key = wanted;
    for (let i = 2; used.has(key); i++) key = `${wanted}${i}`;
    used.add(key);
    return key;
  };
}

/**
 * One domain's AsyncAPI document (2.6 or 3.0) and its schema files, written so that specmesh reads
 * back exactly the topics, grants, consumption and schemas given: nothing is read or written here.
 */
export function buildDomainSpec(input: DomainExportInput): { specFile: string; files: ExportedFile[] } {
  const { domain, version } = input;
  const topics = [...input.topics].sort((a, b) => a.name.localeCompare(b.name));
  const files: ExportedFile[] = [];
  const schemasOf = (topic: string) => input.schemas.filter((s) => s.topic === topic);
  for (const t of topics) {
    for (const s of schemasOf(t.name)) files.push({ path: schemaFileName(s), content: schemaFileContent(s) });
  }
  const doc = version === '2.6' ? documentV2(input, topics, schemasOf) : documentV3(input, topics, schemasOf);
  const specFile = `${domain}-api.yaml`;
  files.unshift({ path: specFile, content: stringify(doc, { lineWidth: 0 }) });
  return { specFile, files };
}

type SchemasOf = (topic: string) => ExportedSchema[];

function header(input: DomainExportInput, asyncapi: string): Obj {
  return {
    asyncapi,
    id: `urn:${input.domain}`,
    info: { title: input.domain, version: '1.0.0', description: `Exported from the cluster by specmesh export.` },
  };
}

const channelName = (domain: string, topic: string): string => topic.slice(domain.length + 1);

function kafkaBinding(t: LiveTopic, schemas: readonly ExportedSchema[]): Obj {
  const binding: Obj = { partitions: t.partitions, replicas: t.replicationFactor };
  const names = Object.keys(t.configs).sort();
  if (names.length > 0) binding['topicConfiguration'] = Object.fromEntries(names.map((n) => [n, configOut(n, t.configs[n]!)]));
  // specmesh reads one level per channel; the value's wins when key and value differ.
  const level = (schemas.find((s) => s.part === 'value') ?? schemas[0])?.compatibility;
  if (level && level !== DEFAULT_COMPATIBILITY) binding[COMPATIBILITY_KEY] = level;
  return binding;
}

const grantTags = (input: DomainExportInput, topic: string): Obj[] =>
  (input.grants.get(topic) ?? []).map((g) => ({ name: `grant-access:${g}` }));

function message(schemas: readonly ExportedSchema[], multiFormat: boolean): Obj | undefined {
  const value = schemas.find((s) => s.part === 'value');
  const key = schemas.find((s) => s.part === 'key');
  if (!value && !key) return undefined;
  const m: Obj = {};
  if (value) {
    const ref = { $ref: schemaFileName(value) };
    const format = FORMATS[value.schemaType].schemaFormat;
    if (multiFormat) m['payload'] = { schemaFormat: format, schema: ref };
    else {
      m['schemaFormat'] = format;
      m['payload'] = ref;
    }
  }
  if (key) m['bindings'] = { kafka: { key: { $ref: schemaFileName(key) } } };
  return m;
}

function documentV2(input: DomainExportInput, topics: readonly LiveTopic[], schemasOf: SchemasOf): Obj {
  const opId = uniqueKeys();
  const channels: Obj = {};
  for (const t of topics) {
    const schemas = schemasOf(t.name);
    const name = channelName(input.domain, t.name);
    const publish: Obj = { operationId: opId(`publish${words(name)}`) };
    const tags = ownerOfTopic(t.name)?.visibility === 'protected' ? grantTags(input, t.name) : [];
    if (tags.length > 0) publish['tags'] = tags;
    const m = message(schemas, false);
    if (m) publish['message'] = m;
    channels[name] = { bindings: { kafka: kafkaBinding(t, schemas) }, publish };
  }
  for (const topic of input.consumes) channels[topic] = { subscribe: { operationId: opId(`on${words(topic)}`) } };
  return { ...header(input, '2.6.0'), channels };
}

function documentV3(input: DomainExportInput, topics: readonly LiveTopic[], schemasOf: SchemasOf): Obj {
  const key = uniqueKeys();
  const channels: Obj = {};
  const operations: Obj = {};
  for (const t of topics) {
    const schemas = schemasOf(t.name);
    const address = channelName(input.domain, t.name);
    const k = key(words(address));
    const channel: Obj = { address, bindings: { kafka: kafkaBinding(t, schemas) } };
    const m = message(schemas, true);
    if (m) channel['messages'] = { [k]: m };
    channels[k] = channel;
    const op: Obj = { action: 'send', channel: { $ref: `#/channels/${k}` } };
    const tags = ownerOfTopic(t.name)?.visibility === 'protected' ? grantTags(input, t.name) : [];
    if (tags.length > 0) op['tags'] = tags;
    operations[`send${k}`] = op;
  }
  for (const topic of input.consumes) {
    const k = key(words(topic));
    channels[k] = { address: topic };
    operations[`receive${k}`] = { action: 'receive', channel: { $ref: `#/channels/${k}` } };
  }
  return { ...header(input, '3.0.0'), channels, operations };
}
