import path from 'node:path';
import { error, warning, type Diagnostic } from '../core/diagnostic.js';
import type { ConsumedTopic, Domain, OwnedTopic, SchemaFormat, SchemaRef } from './model.js';
import { domainFromId, isDomainName, resolveChannel, topicNameProblem } from './naming.js';
import { legacyChannelProblem, grantTargetsOf, asyncapiVersionProblem } from './legacy-diagnostics.js';
import { correctedForeignName, mistypedVisibility, modernForeignName, withoutLeadingDots } from './legacy-names.js';
import { readTopicSettings } from './kafka-binding.js';
import { child, isObj, locate, Refs, splitRef, type Loc, type RefDocument, type Resolved } from './refs.js';
import type { YamlSource } from './yaml-locator.js';
import { COMPATIBILITY_KEY, COMPATIBILITY_LEVELS, parseCompatibilityLevel, type CompatibilityLevel } from './compatibility-level.js';

type Obj = Record<string, unknown>;

export interface ExtractOptions {
  /** Keep only topics whose `envs` include this environment (topics without `envs` exist everywhere). */
  env?: string;
  /** Folder that `$ref`s resolve against (default: the spec file's folder). */
  baseDir?: string;
  /** The other files the spec `$ref`s, read beforehand (loadRefDocuments), by absolute path. */
  documents?: ReadonlyMap<string, RefDocument>;
}

interface Tag { name: string; at: Loc }
interface Message { value: Obj; at: Loc }

/** A channel's role in this spec, whatever the AsyncAPI version. */
interface ChannelUse {
  name: string;
  at: Loc;
  /** Where the name is written when it is not the channel's key (AsyncAPI 3's `address`). */
  nameAt?: Loc;
  binding?: Resolved;
  produces: boolean;
  consumes: boolean;
  tags: Tag[];
  messages: Message[];
}

/** Reading one spec: its `$ref`s, its version, and the problems found on the way. */
interface Reader {
  refs: Refs;
  major: 2 | 3;
  diagnostics: Diagnostic[];
}

/** Builds the Domain model from one parsed spec, reporting every problem found with its line. */
export function extractDomain(src: YamlSource, options: ExtractOptions = {}): { domain?: Domain; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const doc = src.data;
  if (!isObj(doc)) {
    return { diagnostics: [error('spec-not-mapping', 'The file is not an AsyncAPI document (expected a mapping at the top level)', { file: src.file, line: 1 },
      'Start the file with `asyncapi: 2.6.0` (or 3.0.0), `id: urn:<domain>` and `channels:`.')] };
  }
  const rawVersion = doc['asyncapi'];
  const version = typeof rawVersion === 'string' ? rawVersion.trim() : '';
  if (!/^[23]\.\d+\.\d+$/.test(version)) {
    diagnostics.push(asyncapiVersionProblem(rawVersion, src));
    return { diagnostics };
  }
  const idResult = domainFromId(doc['id']);
  if ('problem' in idResult) {
    diagnostics.push(error('id-invalid', `Invalid domain id: ${idResult.problem}`, src.locate(doc['id'] === undefined ? [] : ['id']),
      'Set a top-level `id` such as `id: urn:acme.retail.orders` (dot-separated segments of letters, digits, "_" and "-").'));
    return { diagnostics };
  }
  const domainId = idResult.domain;
  if (idResult.leadingDot) {
    diagnostics.push(warning('id-leading-dot', `Domain id "${String(doc['id'])}" starts with an empty segment; it is read as domain "${domainId}"`, src.locate(['id']),
      `Write \`id: 'urn:${domainId}'\`. SpecMesh named this domain's topics and principal with a leading "." (".${domainId}._public.…", "User:.${domainId}"); specmesh names them "${domainId}._public.…" and "User:${domainId}".`));
  }
  const baseDir = options.baseDir ?? path.dirname(src.file);
  const reader: Reader = { refs: new Refs(src, baseDir, options.documents ?? new Map()), major: version.startsWith('2.') ? 2 : 3, diagnostics };
  const uses = reader.major === 2 ? channelUsesV2(doc, reader) : channelUsesV3(doc, reader);

  const produces: OwnedTopic[] = [];
  const consumes: ConsumedTopic[] = [];
  for (const use of uses) {
    const location = locate(use.at);
    const nameLocation = locate(use.nameAt ?? use.at);
    let channel = use.name;
    if (/^[./]/.test(channel)) {
      diagnostics.push(warning('channel-leading-separator', `Channel "${channel}" starts with a separator; it is read as "${channel.replace(/^[./]+/, '')}"`,
        nameLocation, 'Remove the leading "/" or ".".'));
      channel = channel.replace(/^[./]+/, '');
    }
    if (channel.includes('/')) {
      const dotted = channel.replace(/\//g, '.');
      diagnostics.push(warning('channel-legacy-separator', `Channel "${use.name}" uses legacy "/" separators; it is read as "${dotted}"`,
        nameLocation, `Write the channel with "." separators: \`${dotted}\`.`));
    }
    const resolved = resolveChannel(domainId, channel);
    const problem = topicNameProblem(resolved.topic);
    if (problem) {
      diagnostics.push(error('topic-name-illegal', `Illegal topic name "${resolved.topic}" (channel "${use.name}"): ${problem}`, nameLocation,
        'Rename the channel so the topic name is a legal Kafka name of at most 249 characters.'));
      continue;
    }
    if (resolved.kind === 'owned' && resolved.topic === `${domainId}._${resolved.visibility}`) {
      diagnostics.push(error('channel-name-missing', `Channel "${use.name}" is only a visibility segment; the topic needs a name after it`, nameLocation,
        `Name the channel \`_${resolved.visibility}.<name>\`, e.g. \`_${resolved.visibility}.order_placed\`.`));
      continue;
    }
    if (resolved.kind === 'unowned' && resolved.topic.startsWith(`${domainId}.`)) {
      const local = resolved.topic.slice(domainId.length + 1);
      const [first = '', ...rest] = local.split('.');
      const typo = rest.length > 0 ? mistypedVisibility(first) : undefined;
      if (typo) {
        const meant = `${domainId}._${typo}.${rest.join('.')}`;
        diagnostics.push(error('channel-visibility-typo', `Channel "${use.name}" has "${first}" where a visibility segment belongs: did you mean ${meant}?`, nameLocation,
          `Rename the channel to \`${meant}\` (or just \`_${typo}.${rest.join('.')}\`).`));
        continue;
      }
      diagnostics.push(error('channel-visibility-missing', `Channel "${use.name}" is in domain "${domainId}" but has no visibility segment, so no ACL or policy would cover it`, nameLocation,
        `Name it \`${domainId}._public.${local}\` (or \`_protected\`, \`_private\`), or just \`_public.${local}\`.`));
      continue;
    }
    if (resolved.kind === 'owned') {
      const binding = use.binding;
      const { settings, diagnostics: bindingDiagnostics } = readTopicSettings(binding?.value, binding?.at.path ?? [...use.at.path, 'bindings', 'kafka'], binding?.at.src ?? use.at.src, resolved.topic);
      diagnostics.push(...bindingDiagnostics);
      if (options.env !== undefined && settings.envs && !settings.envs.includes(options.env)) continue;
      const grants: string[] = [];
      for (const tag of use.tags) {
        const m = /^grant-access:(.*)$/.exec(tag.name);
        if (!m) continue;
        const written = m[1]!.trim();
        const { name: target, stripped } = withoutLeadingDots(written);
        if (stripped && (target === '_public' || isDomainName(target))) {
          diagnostics.push(warning('grant-leading-dot', `\`grant-access:${written}\` starts with "."; it is read as \`grant-access:${target}\``, locate(tag.at),
            `Write \`grant-access:${target}\`. SpecMesh granted the principal "User:${written}"; specmesh grants "User:${target}" (or its --principal-map name).`));
        }
        if (target !== '_public' && !isDomainName(target)) {
          diagnostics.push(error('grant-invalid', `\`grant-access:${target}\` does not name a domain`, locate(tag.at),
            'Use `grant-access:<domain>` with a dot-separated domain id (e.g. `grant-access:acme.retail.payments`), or `grant-access:_public`.'));
          continue;
        }
        if (resolved.visibility !== 'protected') {
          diagnostics.push(warning('grant-ignored', `\`grant-access:${target}\` on ${resolved.visibility} topic "${resolved.topic}" has no effect`, locate(tag.at),
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
        ...(settings.partitionsLocation ? { partitionsLocation: settings.partitionsLocation } : {}),
        ...(settings.replicationFactor !== undefined ? { replicationFactor: settings.replicationFactor } : {}),
      };
      Object.assign(topic, readSchemas(use, reader));
      const level = topic.compatibility ?? (binding ? readCompatibility(reader, binding) : undefined);
      if (level) topic.compatibility = level;
      produces.push(topic);
    } else if (use.produces && resolved.kind === 'unowned') {
      diagnostics.push(legacyChannelProblem(domainId, use.name, resolved.topic, grantTargetsOf(use.tags), nameLocation));
    } else if (use.produces) {
      diagnostics.push(error('produce-foreign', `Domain "${domainId}" declares that it produces to "${resolved.topic}", which it does not own`, nameLocation,
        `Only consume other domains' topics, or name the channel \`_public.…\`, \`_protected.…\` or \`_private.…\` to own it as "${domainId}.…".`));
    } else if (!use.consumes) {
      diagnostics.push(warning('channel-unused', `Channel "${use.name}" belongs to another domain and this spec neither produces nor consumes it; no access is granted`, location,
        reader.major === 2 ? 'Add `subscribe:` to consume it, or remove the channel.' : 'Add an operation with `action: receive` on it to consume it, or remove the channel.'));
    } else if (resolved.kind === 'foreign') {
      if (resolved.visibility === 'private') {
        diagnostics.push(warning('consume-private', `"${resolved.topic}" is private to "${resolved.owner}"; no access will be granted`, location,
          'Ask the owner to publish it as `_public` or `_protected` with a grant for this domain.'));
      }
      consumes.push({ name: resolved.topic, owner: resolved.owner, visibility: resolved.visibility, location });
    } else {
      const modern = modernForeignName(resolved.topic);
      const corrected = modern ? undefined : correctedForeignName(resolved.topic);
      diagnostics.push(warning('consume-unowned', `"${resolved.topic}" does not follow the <domain>._public|_protected|_private.<name> convention; no access will be granted${corrected ? `: did you mean ${corrected}?` : ''}`, nameLocation,
        modern ? `If its owner renamed it from SpecMesh's early naming, consume \`${modern}\`.`
          : corrected ? `Consume \`${corrected}\`, the owner's topic as its spec names it.` : 'Name the owner\'s topic in full, e.g. `acme.transport._public.tube`.'));
    }
  }
  const docLevel = readCompatibility(reader, { value: doc, at: reader.refs.root() });
  const domain: Domain = {
    ...(docLevel ? { compatibility: docLevel } : {}),
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

/** Resolves a `$ref`; one that cannot be followed is reported at the `$ref` itself. */
function resolveOrReport(reader: Reader, value: unknown, at: Loc): Resolved {
  const r = reader.refs.resolve(value, at);
  if (r.problem) {
    reader.diagnostics.push(error('ref-unresolved', `Cannot follow \`$ref\`: ${r.problem}`, locate(child(r.at, '$ref')),
      'Point the `$ref` at an existing file (relative to the file that holds it) or `#/components/…` entry.'));
  }
  return r;
}

function memberOf(reader: Reader, holder: Resolved, key: string): Resolved {
  return resolveOrReport(reader, isObj(holder.value) ? holder.value[key] : undefined, child(holder.at, key));
}

function tagsOf(reader: Reader, holder: Resolved): Tag[] {
  const list = memberOf(reader, holder, 'tags');
  if (!Array.isArray(list.value)) return [];
  return list.value.flatMap((t, i) => {
    const tag = resolveOrReport(reader, t, child(list.at, i));
    return isObj(tag.value) && typeof tag.value['name'] === 'string' ? [{ name: tag.value['name'], at: child(tag.at, 'name') }] : [];
  });
}

/**
 * An operation or message with its traits applied as @asyncapi/parser applies them (JSON merge
 * patch per key): in 2.x a trait's value wins over the object's, in 3.x the object's own value wins.
 * Also returns where the effective `tags` come from.
 */
function withTraits(reader: Reader, holder: Resolved): { value: Obj; tags: Tag[] } {
  const own = isObj(holder.value) ? holder.value : {};
  const traitsList = memberOf(reader, holder, 'traits');
  const traits = Array.isArray(traitsList.value)
    ? traitsList.value.map((t, i) => resolveOrReport(reader, t, child(traitsList.at, i))).filter((t) => isObj(t.value))
    : [];
  if (traits.length === 0) return { value: own, tags: tagsOf(reader, holder) };
  const layers = reader.major === 2 ? [holder, ...traits] : [...traits, holder];
  let value: Obj = {};
  let tagsFrom: Resolved | undefined;
  for (const layer of layers) {
    const obj = layer.value as Obj;
    for (const [k, v] of Object.entries(obj)) {
      if (k === 'traits' && layer === holder) continue;
      value = { ...value, [k]: mergePatch(value[k], v) };
    }
    if (obj['tags'] !== undefined) tagsFrom = layer;
  }
  return { value, tags: tagsFrom ? tagsOf(reader, tagsFrom) : [] };
}

function mergePatch(origin: unknown, patch: unknown): unknown {
  if (!isObj(patch)) return patch;
  const result: Obj = isObj(origin) ? { ...origin } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete result[k];
    else result[k] = mergePatch(result[k], v);
  }
  return result;
}

const messageKey = (m: Message): string => `${m.at.src.file}#${m.at.path.join('/')}`;

function messagesOf(reader: Reader, message: unknown, at: Loc): Message[] {
  const resolved = resolveOrReport(reader, message, at);
  if (!isObj(resolved.value)) return [];
  const oneOf = memberOf(reader, resolved, 'oneOf');
  if (Array.isArray(oneOf.value)) return oneOf.value.flatMap((m, i) => messagesOf(reader, m, child(oneOf.at, i)));
  return [{ value: withTraits(reader, resolved).value, at: resolved.at }];
}

const kafkaBinding = (reader: Reader, holder: Resolved): Resolved | undefined => {
  const bindings = memberOf(reader, holder, 'bindings');
  if (!isObj(bindings.value)) return undefined;
  const kafka = memberOf(reader, bindings, 'kafka');
  return kafka.value === undefined ? undefined : kafka;
};

function channelUsesV2(doc: Obj, reader: Reader): ChannelUse[] {
  const channels = resolveOrReport(reader, doc['channels'], reader.refs.root('channels'));
  if (!isObj(channels.value)) return [];
  return Object.keys(channels.value).map((name) => {
    const ch = memberOf(reader, channels, name);
    const publish = memberOf(reader, ch, 'publish');
    const subscribe = memberOf(reader, ch, 'subscribe');
    const published = withTraits(reader, publish);
    const binding = kafkaBinding(reader, ch);
    return {
      name,
      at: child(channels.at, name),
      ...(binding ? { binding } : {}),
      produces: publish.value !== undefined,
      consumes: subscribe.value !== undefined,
      tags: [...tagsOf(reader, ch), ...published.tags],
      messages: isObj(publish.value) ? messagesOf(reader, published.value['message'], child(publish.at, 'message')) : [],
    };
  });
}

function channelUsesV3(doc: Obj, reader: Reader): ChannelUse[] {
  const channels = resolveOrReport(reader, doc['channels'], reader.refs.root('channels'));
  const channelsObj = isObj(channels.value) ? channels.value : {};
  const uses = new Map<string, ChannelUse & { resolved: Resolved }>();
  const keyOfChannel = new Map<unknown, string>();
  for (const key of Object.keys(channelsObj)) {
    const ch = memberOf(reader, channels, key);
    const hasAddress = isObj(ch.value) && typeof ch.value['address'] === 'string';
    const address = hasAddress ? (ch.value as Obj)['address'] as string : key;
    const binding = kafkaBinding(reader, ch);
    uses.set(key, {
      name: address, at: child(channels.at, key), ...(hasAddress ? { nameAt: child(ch.at, 'address') } : {}), resolved: ch, produces: false, consumes: false,
      tags: tagsOf(reader, ch), messages: [], ...(binding ? { binding } : {}),
    });
    keyOfChannel.set(ch.value, key);
  }
  const operations = resolveOrReport(reader, doc['operations'], reader.refs.root('operations'));
  for (const opId of isObj(operations.value) ? Object.keys(operations.value) : []) {
    const raw = memberOf(reader, operations, opId);
    const { value: op, tags } = withTraits(reader, raw);
    const channelRef = isObj(op['channel']) ? op['channel']['$ref'] : undefined;
    const key = typeof channelRef === 'string' ? channelKey(reader, channelRef, raw.at, keyOfChannel) : undefined;
    const use = key !== undefined ? uses.get(key) : undefined;
    if (!use) {
      reader.diagnostics.push(error('operation-channel', `Operation "${opId}" does not reference a channel of this document`, locate(child(raw.at, 'channel')),
        'Set `channel: { $ref: "#/channels/<name>" }`.'));
      continue;
    }
    if (op['action'] === 'send') {
      use.produces = true;
      use.tags.push(...tags);
      const opMessages = memberOf(reader, raw, 'messages');
      if (Array.isArray(opMessages.value) && opMessages.value.length > 0) {
        for (const [i, m] of opMessages.value.entries()) use.messages.push(...messagesOf(reader, m, child(opMessages.at, i)));
      } else {
        const channelMessages = memberOf(reader, use.resolved, 'messages');
        if (isObj(channelMessages.value)) {
          for (const [mk, m] of Object.entries(channelMessages.value)) use.messages.push(...messagesOf(reader, m, child(channelMessages.at, mk)));
        }
      }
    } else if (op['action'] === 'receive') {
      use.consumes = true;
    }
  }
  for (const use of uses.values()) {
    // Two operations sending the same message on one channel declare one message, not two.
    const seen = new Set<string>();
    use.messages = use.messages.filter((m) => !seen.has(messageKey(m)) && seen.add(messageKey(m)) !== undefined);
  }
  return [...uses.values()];
}

/** The key in `channels` an operation's `channel: $ref` names: by path, or by the object it resolves to. */
function channelKey(reader: Reader, ref: string, at: Loc, keyOfChannel: ReadonlyMap<unknown, string>): string | undefined {
  const { file, pointer } = splitRef(ref);
  if (file === '' && pointer.length === 2 && pointer[0] === 'channels') return pointer[1];
  const target = reader.refs.resolve({ $ref: ref }, at);
  return target.problem ? undefined : keyOfChannel.get(target.value);
}

/**
 * A schema's format: Avro or Protobuf when declared so, else by the file's extension, else JSON
 * Schema. The extension wins over a declared JSON format: SpecMesh's own samples declare
 * `application/json` for `.proto` payloads.
 */
function schemaFormatOf(declared: unknown, file: string | undefined): SchemaFormat {
  const f = typeof declared === 'string' ? declared.toLowerCase() : '';
  if (f.includes('avro')) return 'avro';
  if (f.includes('protobuf')) return 'protobuf';
  const ext = file ? path.extname(file).toLowerCase() : '';
  if (ext === '.avsc') return 'avro';
  if (ext === '.proto') return 'protobuf';
  return 'json';
}

/** A `$ref` that names a schema file: an Avro or Protobuf file, or a whole JSON/YAML file. */
const isSchemaFileRef = (ref: string): boolean => {
  const { file, pointer } = splitRef(ref);
  return file !== '' && (/\.(avsc|proto)$/i.test(file) || pointer.length === 0);
};

function schemaRef(reader: Reader, schema: unknown, declaredFormat: unknown, at: Loc): SchemaRef | undefined {
  if (schema === undefined || schema === null) return undefined;
  let value: unknown = schema;
  let loc = at;
  let format = declaredFormat;
  // AsyncAPI 3 Multi Format Schema: `{ schemaFormat, schema }`.
  if (reader.major === 3 && isObj(value) && typeof value['schemaFormat'] === 'string' && 'schema' in value) {
    format = value['schemaFormat'];
    value = value['schema'];
    loc = child(loc, 'schema');
  }
  for (let hops = 0; hops < 32 && isObj(value) && typeof value['$ref'] === 'string'; hops++) {
    const ref = value['$ref'];
    if (isSchemaFileRef(ref)) {
      const file = resolveSchemaFile(reader, ref, loc);
      const written = splitRef(ref).file;
      return { file, format: schemaFormatOf(format, file), location: locate(child(loc, '$ref')), ...(path.isAbsolute(written) ? { absoluteRef: written } : {}) };
    }
    const next = reader.refs.follow(ref, loc);
    if ('problem' in next) {
      reader.diagnostics.push(error('ref-unresolved', `Cannot follow \`$ref\`: ${next.problem}`, locate(child(loc, '$ref')),
        'Point the `$ref` at an existing file (relative to the file that holds it) or `#/components/…` entry.'));
      return undefined;
    }
    value = next.value;
    loc = next.at;
  }
  return { format: schemaFormatOf(format, undefined), inline: value, location: locate(loc) };
}

/** A schema file's absolute path, relative to the file that holds the `$ref` (SpecMesh's `/schema/…` is kept for the loader). */
function resolveSchemaFile(reader: Reader, ref: string, at: Loc): string {
  const { file } = splitRef(ref);
  return path.resolve(reader.refs.dirOf(at.src), file);
}

function readSchemas(use: ChannelUse, reader: Reader): Partial<OwnedTopic> {
  const first = use.messages[0];
  if (!first) return {};
  if (use.messages.length > 1) {
    reader.diagnostics.push(warning('several-messages', `Channel "${use.name}" declares ${use.messages.length} messages; the first one's schemas are used`,
      locate(first.at), 'Keep one message per Kafka topic, or use a union schema.'));
  }
  const m = first.value;
  const out: Partial<OwnedTopic> = {};
  const value = schemaRef(reader, m['payload'], reader.major === 2 ? m['schemaFormat'] : undefined, child(first.at, 'payload'));
  if (value) out.valueSchema = value;
  const kafka = kafkaBinding(reader, { value: m, at: first.at });
  const kafkaValue = isObj(kafka?.value) ? kafka.value : {};
  const key = schemaRef(reader, kafkaValue['key'], undefined, child(kafka?.at ?? child(first.at, 'bindings', 'kafka'), 'key'));
  if (key) out.keySchema = key;
  if (typeof kafkaValue['schemaLookupStrategy'] === 'string') out.schemaLookupStrategy = kafkaValue['schemaLookupStrategy'];
  const level = kafka ? readCompatibility(reader, kafka) : undefined;
  if (level) out.compatibility = level;
  return out;
}

/** `x-specmesh-compatibility` in a resolved object (a Kafka binding, or the document), checked. */
function readCompatibility(reader: Reader, holder: Resolved): CompatibilityLevel | undefined {
  const raw = isObj(holder.value) ? holder.value[COMPATIBILITY_KEY] : undefined;
  if (raw === undefined) return undefined;
  const level = parseCompatibilityLevel(raw);
  if (!level) {
    reader.diagnostics.push(error('schema-compatibility-invalid', `\`${COMPATIBILITY_KEY}: ${JSON.stringify(raw)}\` is not a compatibility level`,
      locate(child(holder.at, COMPATIBILITY_KEY)), `Use one of ${COMPATIBILITY_LEVELS.join(', ')}.`));
  }
  return level;
}
