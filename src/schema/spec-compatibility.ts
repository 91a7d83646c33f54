import type { SourceLocation } from '../spec/model.js';
import type { PathSegment, YamlSource } from '../spec/yaml-locator.js';

/**
 * Where a spec sets the compatibility level of its subjects (SpecMesh has no such setting; the
 * `x-` prefix keeps AsyncAPI validators content): the Kafka message binding, else the Kafka channel
 * binding, else the document's top level; absent everywhere means BACKWARD.
 */
export const COMPATIBILITY_KEY = 'x-specmesh-compatibility';

export interface CompatibilitySetting {
  value: unknown;
  location: SourceLocation;
}

export interface SpecCompatibility {
  specDefault?: CompatibilitySetting;
  /** By channel name as written in the spec (OwnedTopic.channel). */
  byChannel: Map<string, CompatibilitySetting>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads every compatibility setting of one spec. */
export function readSpecCompatibility(src: YamlSource): SpecCompatibility {
  const doc = isObj(src.data) ? src.data : {};
  const out: SpecCompatibility = { byChannel: new Map() };
  if (doc[COMPATIBILITY_KEY] !== undefined) out.specDefault = { value: doc[COMPATIBILITY_KEY], location: src.locate([COMPATIBILITY_KEY]) };
  const channels = isObj(doc['channels']) ? doc['channels'] : {};
  const v3 = String(doc['asyncapi'] ?? '').startsWith('3.');
  for (const [key, raw] of Object.entries(channels)) {
    if (!isObj(raw)) continue;
    const name = v3 && typeof raw['address'] === 'string' ? raw['address'] : key;
    const channelPath: PathSegment[] = ['channels', key];
    const candidates: PathSegment[][] = [];
    const message = v3 ? firstMessageV3(doc, raw, channelPath) : firstMessageV2(doc, raw, channelPath);
    if (message) candidates.push([...message, 'bindings', 'kafka', COMPATIBILITY_KEY]);
    candidates.push([...channelPath, 'bindings', 'kafka', COMPATIBILITY_KEY]);
    for (const p of candidates) {
      const value = at(doc, p);
      if (value !== undefined) {
        out.byChannel.set(name, { value, location: src.locate(p) });
        break;
      }
    }
  }
  return out;
}

function at(doc: Obj, path: readonly PathSegment[]): unknown {
  return path.reduce<unknown>((o, k) => (isObj(o) ? o[String(k)] : Array.isArray(o) ? o[Number(k)] : undefined), doc);
}

/** Follows local `#/…` references to the object they point at, returning its path. */
function resolvePath(doc: Obj, path: PathSegment[]): PathSegment[] {
  let p = path;
  for (let hops = 0; hops < 16; hops++) {
    const v = at(doc, p);
    if (!isObj(v) || typeof v['$ref'] !== 'string' || !v['$ref'].startsWith('#/')) return p;
    p = v['$ref'].slice(2).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  }
  return p;
}

function firstMessageV2(doc: Obj, channel: Obj, channelPath: PathSegment[]): PathSegment[] | undefined {
  if (!isObj(channel['publish'])) return undefined;
  let p = resolvePath(doc, [...channelPath, 'publish', 'message']);
  const m = at(doc, p);
  if (isObj(m) && Array.isArray(m['oneOf'])) p = resolvePath(doc, [...p, 'oneOf', 0]);
  return isObj(at(doc, p)) ? p : undefined;
}

function firstMessageV3(doc: Obj, channel: Obj, channelPath: PathSegment[]): PathSegment[] | undefined {
  if (!isObj(channel['messages'])) return undefined;
  const first = Object.keys(channel['messages'])[0];
  if (first === undefined) return undefined;
  const p = resolvePath(doc, [...channelPath, 'messages', first]);
  return isObj(at(doc, p)) ? p : undefined;
}
