import path from 'node:path';
import { error, warning, type Diagnostic } from './diagnostic.js';
import type { ConsumedTopic, Domain, OwnedTopic, SchemaFormat, SchemaRef } from './model.js';
import { domainFromId, isDomainName, resolveChannel, topicNameProblem } from './naming.js';
import { readTopicSettings } from './kafka-binding.js';
import type { PathSegment, YamlSource } from './yaml-locator.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface ExtractOptions {
  /** Keep only topics whose `envs` include this environment (topics without `envs` exist everywhere). */
  env?: string;
  /** Folder that `$ref`s resolve against (default: the spec file's folder). */
  baseDir?: string;
}

/** A channel's role in this spec, whatever the AsyncAPI version. */
interface ChannelUse {
  name: string;
  path: PathSegment[];
  binding: unknown;
  produces: boolean;
  consumes: boolean;
  tags: { name: string; path: PathSegment[] }[];
  messages: { value: Obj; path: PathSegment[] }[];
}

/** Builds the Domain model from one parsed spec, reporting every problem found with its line. */
export function extractDomain(src: YamlSource, options: ExtractOptions = {}): { domain?: Domain; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const doc = src.data;
  if (!isObj(doc)) {
    return { diagnostics: [error('spec-not-mapping', 'The file is not an AsyncAPI document (expected a mapping at the top level)', { file: src.file, line: 1 })] };
  }
  const version = String(doc['asyncapi'] ?? '');
  if (!/^[23]\.\d+\.\d+$/.test(version)) {
    diagnostics.push(error('asyncapi-version', `Unsupported or missing \`asyncapi\` version ${JSON.stringify(doc['asyncapi'] ?? null)}`,
      src.locate(['asyncapi']), 'Set `asyncapi` to a 2.x or 3.0 version, e.g. `asyncapi: 2.6.0`.'));
    return { diagnostics };
  }
  const idResult = domainFromId(doc['id']);
  if ('problem' in idResult) {
    diagnostics.push(error('id-invalid', `Invalid domain id: ${idResult.problem}`, src.locate(doc['id'] === undefined ? [] : ['id']),
      'Set a top-level `id` such as `id: urn:acme.retail.orders` (dot-separated segments of letters, digits, "_" and "-").'));
    return { diagnostics };
  }
  const domainId = idResult.domain;
  const uses = version.startsWith('2.') ? channelUsesV2(doc, src) : channelUsesV3(doc, src, diagnostics);

  const produces: OwnedTopic[] = [];
  const consumes: ConsumedTopic[] = [];
  for (const use of uses) {
    const location = src.locate(use.path);
    let channel = use.name;
    if (/^[./]/.test(channel)) {
      diagnostics.push(warning('channel-leading-separator', `Channel "${channel}" starts with a separator; it is read as "${channel.replace(/^[./]+/, '')}"`,
        location, 'Remove the leading "/" or ".".'));
      channel = channel.replace(/^[./]+/, '');
    }
    if (channel.includes('/')) {
      diagnostics.push(warning('channel-legacy-separator', `Channel "${use.name}" uses legacy "/" separators; it is read as "${channel.replace(/\//g, '.')}"`,
        location, 'Write the channel with "." separators, e.g. `_public.user_signed_up`.'));
    }
    const resolved = resolveChannel(domainId, channel);
    const problem = topicNameProblem(resolved.topic);
    if (problem) {
      diagnostics.push(error('topic-name-illegal', `Illegal topic name "${resolved.topic}" (channel "${use.name}"): ${problem}`, location,
        'Rename the channel so the topic name is a legal Kafka name of at most 249 characters.'));
      continue;
    }
    if (resolved.kind === 'owned') {
      const { settings, diagnostics: bindingDiagnostics } = readTopicSettings(use.binding, [...use.path, 'bindings', 'kafka'], src, resolved.topic);
      diagnostics.push(...bindingDiagnostics);
      if (options.env !== undefined && settings.envs && !settings.envs.includes(options.env)) continue;
      const grants: string[] = [];
      for (const tag of use.tags) {
        const m = /^grant-access:(.*)$/.exec(tag.name);
        if (!m) continue;
        const target = m[1]!.trim();
        if (target !== '_public' && !isDomainName(target)) {
          diagnostics.push(error('grant-invalid', `\`grant-access:${target}\` does not name a domain`, src.locate(tag.path),
            'Use `grant-access:<domain>` with a dot-separated domain id (e.g. `grant-access:acme.retail.payments`), or `grant-access:_public`.'));
          continue;
        }
        if (resolved.visibility !== 'protected') {
          diagnostics.push(warning('grant-ignored', `\`grant-access:${target}\` on ${resolved.visibility} topic "${resolved.topic}" has no effect`, src.locate(tag.path),
            'Grants apply to `_protected` channels only.'));
          continue;
        }
        if (!grants.includes(target)) grants.push(target);
      }
      const topic: OwnedTopic = {
        name: resolved.topic,
        channel: use.name,
        visibility: resolved.visibility,
        partitions: settings.partitions,
        configs: settings.configs,
        grants: grants.sort(),
        location,
        ...(settings.replicationFactor !== undefined ? { replicationFactor: settings.replicationFactor } : {}),
      };
      Object.assign(topic, readSchemas(use, src, options.baseDir ?? path.dirname(src.file), diagnostics));
      produces.push(topic);
    } else if (use.produces) {
      diagnostics.push(error('produce-foreign', `Domain "${domainId}" declares that it produces to "${resolved.topic}", which it does not own`, location,
        `Only consume other domains' topics, or name the channel \`_public.…\`, \`_protected.…\` or \`_private.…\` to own it as "${domainId}.…".`));
    } else if (resolved.kind === 'foreign') {
      if (resolved.visibility === 'private') {
        diagnostics.push(warning('consume-private', `"${resolved.topic}" is private to "${resolved.owner}"; no access will be granted`, location,
          'Ask the owner to publish it as `_public` or `_protected` with a grant for this domain.'));
      }
      consumes.push({ name: resolved.topic, owner: resolved.owner, visibility: resolved.visibility, location });
    } else {
      diagnostics.push(warning('consume-unowned', `"${resolved.topic}" does not follow the <domain>._public|_protected|_private.<name> convention; no access will be granted`, location,
        'Name the owner\'s topic in full, e.g. `acme.transport._public.tube`.'));
    }
  }
  const domain: Domain = {
    id: domainId,
    file: src.file,
    asyncapiVersion: version,
    produces,
    consumes,
    location: src.locate(['id']),
    ...(isObj(doc['info']) && typeof doc['info']['title'] === 'string' ? { title: doc['info']['title'] } : {}),
  };
  return { domain, diagnostics };
}

/** Follows a local `#/…` reference inside the same document; anything else is returned unchanged. */
function deref(doc: Obj, value: unknown, at: PathSegment[]): { value: unknown; path: PathSegment[] } {
  let current = value;
  let path = at;
  for (let hops = 0; hops < 16 && isObj(current) && typeof current['$ref'] === 'string' && current['$ref'].startsWith('#/'); hops++) {
    path = current['$ref'].slice(2).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    current = path.reduce<unknown>((o, k) => (isObj(o) ? o[String(k)] : undefined), doc);
  }
  return { value: current, path };
}

function tagsOf(doc: Obj, holder: unknown, path: PathSegment[]): ChannelUse['tags'] {
  if (!isObj(holder) || !Array.isArray(holder['tags'])) return [];
  return holder['tags'].flatMap((t, i) => {
    const { value } = deref(doc, t, [...path, 'tags', i]);
    return isObj(value) && typeof value['name'] === 'string' ? [{ name: value['name'], path: [...path, 'tags', i] }] : [];
  });
}

function messagesOf(doc: Obj, message: unknown, path: PathSegment[]): ChannelUse['messages'] {
  const { value, path: p } = deref(doc, message, path);
  if (!isObj(value)) return [];
  if (Array.isArray(value['oneOf'])) return value['oneOf'].flatMap((m, i) => messagesOf(doc, m, [...p, 'oneOf', i]));
  return [{ value, path: p }];
}

function channelUsesV2(doc: Obj, src: YamlSource): ChannelUse[] {
  const channels = isObj(doc['channels']) ? doc['channels'] : {};
  return Object.entries(channels).map(([name, raw]) => {
    const path: PathSegment[] = ['channels', name];
    const ch = isObj(raw) ? raw : {};
    const publish = ch['publish'];
    const subscribe = ch['subscribe'];
    const bindings = isObj(ch['bindings']) ? ch['bindings'] : {};
    void src;
    return {
      name,
      path,
      binding: bindings['kafka'],
      produces: publish !== undefined,
      consumes: subscribe !== undefined,
      tags: [...tagsOf(doc, ch, path), ...tagsOf(doc, publish, [...path, 'publish'])],
      messages: isObj(publish) ? messagesOf(doc, publish['message'], [...path, 'publish', 'message']) : [],
    };
  });
}

function channelUsesV3(doc: Obj, src: YamlSource, diagnostics: Diagnostic[]): ChannelUse[] {
  const channels = isObj(doc['channels']) ? doc['channels'] : {};
  const uses = new Map<string, ChannelUse>();
  for (const [key, raw] of Object.entries(channels)) {
    const ch = isObj(raw) ? raw : {};
    const path: PathSegment[] = ['channels', key];
    const address = typeof ch['address'] === 'string' ? ch['address'] : key;
    const bindings = isObj(ch['bindings']) ? ch['bindings'] : {};
    uses.set(key, { name: address, path, binding: bindings['kafka'], produces: false, consumes: false, tags: tagsOf(doc, ch, path), messages: [] });
  }
  const operations = isObj(doc['operations']) ? doc['operations'] : {};
  for (const [opId, raw] of Object.entries(operations)) {
    const op = isObj(raw) ? raw : {};
    const opPath: PathSegment[] = ['operations', opId];
    const ref = isObj(op['channel']) ? op['channel']['$ref'] : undefined;
    const key = typeof ref === 'string' && ref.startsWith('#/channels/') ? ref.slice('#/channels/'.length).replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
    const use = key !== undefined ? uses.get(key) : undefined;
    if (!use) {
      diagnostics.push(error('operation-channel', `Operation "${opId}" does not reference a channel of this document`, src.locate([...opPath, 'channel']),
        'Set `channel: { $ref: "#/channels/<name>" }`.'));
      continue;
    }
    if (op['action'] === 'send') {
      use.produces = true;
      use.tags.push(...tagsOf(doc, op, opPath));
      const chRaw = channels[key!];
      const channelMessages = isObj(chRaw) && isObj(chRaw['messages']) ? chRaw['messages'] : {};
      const opMessages = Array.isArray(op['messages']) ? op['messages'] : undefined;
      if (opMessages) opMessages.forEach((m, i) => use.messages.push(...messagesOf(doc, m, [...opPath, 'messages', i])));
      else Object.entries(channelMessages).forEach(([mk, m]) => use.messages.push(...messagesOf(doc, m, [...use.path, 'messages', mk])));
    } else if (op['action'] === 'receive') {
      use.consumes = true;
    }
  }
  return [...uses.values()].filter((u) => u.produces || u.consumes || isOwnedName(u.name));
}

const isOwnedName = (name: string): boolean => /^[./]*_(public|protected|private)[./]/.test(name);

function schemaFormatOf(declared: unknown, file: string | undefined): SchemaFormat {
  const f = typeof declared === 'string' ? declared.toLowerCase() : '';
  if (f.includes('avro')) return 'avro';
  if (f.includes('protobuf')) return 'protobuf';
  const ext = file ? path.extname(file).toLowerCase() : '';
  if (ext === '.avsc') return 'avro';
  if (ext === '.proto') return 'protobuf';
  return 'json';
}

function schemaRef(doc: Obj, schema: unknown, declaredFormat: unknown, src: YamlSource, baseDir: string, at: PathSegment[]): SchemaRef | undefined {
  if (schema === undefined || schema === null) return undefined;
  if (isObj(schema) && typeof schema['$ref'] === 'string' && !schema['$ref'].startsWith('#')) {
    const ref = schema['$ref'].replace(/#.*$/, '');
    const file = path.resolve(baseDir, ref);
    return { file, format: schemaFormatOf(declaredFormat, file), location: src.locate([...at, '$ref']) };
  }
  const { value } = deref(doc, schema, []);
  return { format: schemaFormatOf(declaredFormat, undefined), inline: value, location: src.locate(at) };
}

function readSchemas(use: ChannelUse, src: YamlSource, baseDir: string, diagnostics: Diagnostic[]): Partial<OwnedTopic> {
  const doc = src.data as Obj;
  const first = use.messages[0];
  if (!first) return {};
  if (use.messages.length > 1) {
    diagnostics.push(warning('several-messages', `Channel "${use.name}" declares ${use.messages.length} messages; the first one's schemas are used`,
      src.locate(first.path), 'Keep one message per Kafka topic, or use a union schema.'));
  }
  const m = first.value;
  const out: Partial<OwnedTopic> = {};
  const value = schemaRef(doc, m['payload'], m['schemaFormat'], src, baseDir, [...first.path, 'payload']);
  if (value) out.valueSchema = value;
  const kafka = isObj(m['bindings']) && isObj(m['bindings']['kafka']) ? m['bindings']['kafka'] : {};
  const key = schemaRef(doc, kafka['key'], undefined, src, baseDir, [...first.path, 'bindings', 'kafka', 'key']);
  if (key) out.keySchema = key;
  if (typeof kafka['schemaLookupStrategy'] === 'string') out.schemaLookupStrategy = kafka['schemaLookupStrategy'];
  return out;
}
