import type { Visibility } from './model.js';

const SEGMENT = /^[A-Za-z0-9_-]+$/;
const TOPIC_CHARS = /^[A-Za-z0-9._-]+$/;
export const MAX_TOPIC_LENGTH = 249;

const VISIBILITY_SEGMENTS: Record<string, Visibility> = {
  _public: 'public',
  _protected: 'protected',
  _private: 'private',
};

export const visibilitySegment = (v: Visibility): string => `_${v}`;

export function visibilityOfSegment(segment: string): Visibility | undefined {
  return VISIBILITY_SEGMENTS[segment];
}

/**
 * `urn:acme.lifestyle.onboarding` → `acme.lifestyle.onboarding`; `urn:acme:retail` → `acme.retail`.
 * Returns a reason string when the id is malformed.
 */
export function domainFromId(id: unknown): { domain: string; leadingDot?: true } | { problem: string } {
  if (id === undefined || id === null || (typeof id === 'string' && id.trim() === '')) return { problem: 'the spec has no `id`' };
  if (typeof id !== 'string') return { problem: `\`id\` must be a string such as urn:acme.retail.orders (got ${JSON.stringify(id)})` };
  let rest = id.trim();
  if (rest.toLowerCase().startsWith('urn:')) rest = rest.slice(4);
  rest = rest.replace(/:/g, '.');
  // SpecMesh's releases wrote `urn:.simple.streetlights`; the empty first segment is dropped (with a warning by the caller).
  const leadingDot = /^\.+[^.]/.test(rest);
  if (leadingDot) rest = rest.replace(/^\.+/, '');
  const segments = rest.split('.');
  const bad = segments.find((s) => !SEGMENT.test(s));
  if (bad !== undefined) {
    return { problem: `id "${id}" is not a domain: segments must be non-empty and use only letters, digits, "_" and "-" (got "${bad}")` };
  }
  const vis = segments.find((s) => visibilityOfSegment(s));
  if (vis) return { problem: `id "${id}" contains the reserved visibility segment "${vis}"` };
  return { domain: segments.join('.'), ...(leadingDot ? { leadingDot: true as const } : {}) };
}

/** True when `name` is a dot-separated domain id. */
export function isDomainName(name: string): boolean {
  return name.split('.').every((s) => SEGMENT.test(s) && !visibilityOfSegment(s));
}

/** The domain owning a topic name and the topic's visibility: the segments before the first visibility segment. */
export function ownerOfTopic(topic: string): { owner: string; visibility: Visibility } | undefined {
  const segments = topic.split('.');
  const i = segments.findIndex((s) => visibilityOfSegment(s));
  if (i <= 0) return undefined;
  return { owner: segments.slice(0, i).join('.'), visibility: visibilityOfSegment(segments[i]!)! };
}

export type ChannelResolution =
  | { kind: 'owned'; topic: string; visibility: Visibility }
  | { kind: 'foreign'; topic: string; owner: string; visibility: Visibility }
  | { kind: 'unowned'; topic: string };

/** Maps a channel name to a topic name per SpecMesh's rules. Legacy `/` separators become `.`. */
export function resolveChannel(domain: string, channel: string): ChannelResolution {
  let name = channel.trim();
  if (name.includes('/')) name = name.replace(/^\/+/, '').replace(/\//g, '.');
  const first = name.split('.')[0] ?? '';
  const visibility = visibilityOfSegment(first);
  if (visibility) return { kind: 'owned', topic: `${domain}.${name}`, visibility };
  if (name.startsWith(`${domain}.`)) {
    const owner = ownerOfTopic(name);
    if (owner && owner.owner === domain) return { kind: 'owned', topic: name, visibility: owner.visibility };
  }
  const owner = ownerOfTopic(name);
  if (owner) return { kind: 'foreign', topic: name, ...owner };
  return { kind: 'unowned', topic: name };
}

export function topicNameProblem(topic: string): string | undefined {
  if (topic.length === 0) return 'the name is empty';
  if (topic === '.' || topic === '..') return `"${topic}" is reserved`;
  if (topic.length > MAX_TOPIC_LENGTH) return `the name is ${topic.length} characters long; Kafka allows at most ${MAX_TOPIC_LENGTH}`;
  if (!TOPIC_CHARS.test(topic)) {
    const bad = [...new Set([...topic].filter((c) => !/[A-Za-z0-9._-]/.test(c)))].map((c) => JSON.stringify(c)).join(', ');
    return `the name contains characters Kafka does not allow (${bad}); use only letters, digits, ".", "_" and "-"`;
  }
  return undefined;
}

/** Kafka replaces `.` with `_` in metric names, so two such topics collide. */
export const metricCollisionKey = (topic: string): string => topic.replace(/\./g, '_');

/** True when `child` is strictly nested under `parent` (`acme.retail.orders` under `acme.retail`). */
export const isNestedDomain = (child: string, parent: string): boolean => child.startsWith(`${parent}.`);
