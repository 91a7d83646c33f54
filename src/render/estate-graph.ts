import type { Domain, Visibility } from '../spec/model.js';

/** A topic in the estate graph: one its domain's spec produces, or one only consumed (its owner's spec does not declare it). */
export interface GraphTopic { name: string; visibility: Visibility; declared: boolean }

/** A domain and its topics. `inSpecs` false: named by another spec (as owner of a consumed topic or as grantee) but not given. */
export interface GraphDomain { id: string; inSpecs: boolean; hasNode: boolean; topics: GraphTopic[] }

export type GraphEdgeKind = 'produce' | 'consume' | 'grant';
/** Node keys: `domain:<id>`, `topic:<name>`, `everyone`. */
export interface GraphEdge { from: string; to: string; kind: GraphEdgeKind }

export interface EstateGraph { domains: GraphDomain[]; everyone: boolean; edges: GraphEdge[] }

export const EVERYONE = 'everyone';
export const domainKey = (id: string): string => `domain:${id}`;
export const topicKey = (name: string): string => `topic:${name}`;

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const KIND_ORDER: Record<GraphEdgeKind, number> = { produce: 0, consume: 1, grant: 2 };

/**
 * The whole estate as the specs declare it, sorted so that the same specs always draw the same
 * graph: each domain with the topics it produces, an edge from a domain to each topic it produces,
 * from a topic to each domain that consumes it, and from a protected topic to each domain its
 * grants name (`_public` grants: to everyone).
 */
export function buildEstateGraph(domains: readonly Domain[]): EstateGraph {
  const byId = new Map<string, GraphDomain>();
  const graphDomain = (id: string): GraphDomain => {
    let d = byId.get(id);
    if (!d) { d = { id, inSpecs: false, hasNode: false, topics: [] }; byId.set(id, d); }
    return d;
  };
  const topics = new Map<string, GraphTopic>();
  const edges = new Map<string, GraphEdge>();
  const edge = (from: string, to: string, kind: GraphEdgeKind): void => { edges.set(`${from}\u0001${to}\u0001${kind}`, { from, to, kind }); };
  let everyone = false;
  for (const spec of domains) {
    const d = graphDomain(spec.id);
    d.inSpecs = true;
    d.hasNode = true;
    for (const t of spec.produces) {
      if (!topics.has(t.name)) {
        const topic: GraphTopic = { name: t.name, visibility: t.visibility, declared: true };
        topics.set(t.name, topic);
        d.topics.push(topic);
      }
      edge(domainKey(spec.id), topicKey(t.name), 'produce');
      for (const grantee of t.grants) {
        if (grantee === '_public') { everyone = true; edge(topicKey(t.name), EVERYONE, 'grant'); continue; }
        graphDomain(grantee).hasNode = true;
        edge(topicKey(t.name), domainKey(grantee), 'grant');
      }
    }
  }
  for (const spec of domains) {
    for (const c of spec.consumes) {
      if (!topics.has(c.name)) {
        const topic: GraphTopic = { name: c.name, visibility: c.visibility, declared: false };
        topics.set(c.name, topic);
        graphDomain(c.owner).topics.push(topic);
      }
      edge(topicKey(c.name), domainKey(spec.id), 'consume');
    }
  }
  const sortedDomains = [...byId.values()].sort((a, b) => byCodePoint(a.id, b.id));
  for (const d of sortedDomains) d.topics.sort((a, b) => byCodePoint(a.name, b.name));
  const sortedEdges = [...edges.values()].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || byCodePoint(a.from, b.from) || byCodePoint(a.to, b.to));
  return { domains: sortedDomains, everyone, edges: sortedEdges };
}
