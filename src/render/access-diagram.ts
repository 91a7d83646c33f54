import { type AccessEntry, type AccessSummary, isWidening } from '../core/access-summary.js';
import { mermaidIds, mermaidLabel } from './mermaid.js';

/** More edges than this make a diagram no one reads (and a long comment): it is left out, saying so. */
export const MAX_DIAGRAM_EDGES = 40;

type EdgeKind = 'produce' | 'consume' | 'grant' | 'describe' | 'topic admin' | 'group' | 'transactional id' | 'cluster';
type NodeKind = 'domain' | 'principal' | 'everyone' | 'cluster' | 'unowned';

interface DiagramNode { key: string; kind: NodeKind; label: string }
interface DiagramEdge { from: string; to: string; kind: EdgeKind; sign: '+' | '−'; widening: boolean; count: number }

const PRODUCE = new Set(['write', 'create', 'idempotent-write', 'WriteData', 'CreateTopic', 'WriteDataIdempotently']);
const CONSUME = new Set(['read', 'ReadData']);
const DESCRIBE = new Set(['describe', 'describe-configs', 'DescribeTopic', 'DescribeTopicDynamicConfiguration']);
const HIDDEN_VISIBILITY = /\._(protected|private)(\.|\*|$)/;
const NODE_ORDER: Record<NodeKind, number> = { domain: 0, principal: 1, everyone: 2, cluster: 3, unowned: 4 };
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** What an operation on a resource means between two domains: a write produces, a read consumes (through a grant when the topic is not public); others name the resource. */
function edgeKind(e: AccessEntry, op: string): EdgeKind {
  if (e.resourceType !== 'topic') return e.resourceType === 'transactional-id' ? 'transactional id' : e.resourceType;
  if (PRODUCE.has(op)) return 'produce';
  if (DESCRIBE.has(op)) return 'describe';
  if (!CONSUME.has(op)) return 'topic admin';
  return e.owner !== undefined && e.owner !== e.principalDomain && HIDDEN_VISIBILITY.test(e.resource) ? 'grant' : 'consume';
}

/**
 * The plan's changes of access between domains, as nodes and edges: one edge per pair of ends,
 * kind and sign, whatever the number of entries behind it. Data flows from a topic's owner to
 * its reader, and from a writer to the topic's owner. Past `maxEdges` edges: 'too many'.
 */
function accessGraph(access: AccessSummary, maxEdges: number): { nodes: Map<string, DiagramNode>; edges: DiagramEdge[]; owners: string[] } | 'too many' {
  const nodes = new Map<string, DiagramNode>();
  const node = (kind: NodeKind, label: string): string => {
    const key = `${kind}\u0001${label}`;
    if (!nodes.has(key)) nodes.set(key, { key, kind, label });
    return key;
  };
  const principalNode = (e: AccessEntry): string =>
    (e.principal === 'User:*' ? node('everyone', 'everyone (User:*)') : e.principalDomain ? node('domain', e.principalDomain) : node('principal', e.principal));
  const resourceNode = (e: AccessEntry): string =>
    (e.owner ? node('domain', e.owner) : e.resourceType === 'cluster' ? node('cluster', 'cluster') : node('unowned', '(no known owner)'));
  const edges = new Map<string, DiagramEdge>();
  for (const e of access.entries) {
    for (const [sign, ops] of [['+', e.gained], ['−', e.lost]] as const) {
      const kinds = new Set(ops.map((op) => edgeKind(e, op)));
      // Reading or writing a topic needs describing it: only a describe on its own is an edge of its own.
      if (kinds.size > 1) kinds.delete('describe');
      for (const kind of kinds) {
        const [from, to] = kind === 'consume' || kind === 'grant' ? [resourceNode(e), principalNode(e)] : [principalNode(e), resourceNode(e)];
        const key = [from, to, kind, sign].join('\u0002');
        const edge = edges.get(key) ?? { from, to, kind, sign, widening: false, count: 0 };
        edge.count++;
        edge.widening ||= sign === '+' && isWidening(e);
        edges.set(key, edge);
        // A large estate's summary is not walked to the end for a diagram that is left out.
        if (edges.size > maxEdges) return 'too many';
      }
    }
  }
  const owners = [...new Set(access.owners.map((o) => node('domain', o.domain)))];
  return { nodes, edges: [...edges.values()], owners };
}

/**
 * A Mermaid flowchart of the plan's access changes, for the markdown comment (GitHub draws it):
 * domains as nodes, produce / consume / grant edges; widenings thick and amber, other gains green,
 * losses dashed and red. Empty when access does not change; past `maxEdges` edges, one line saying
 * it is left out.
 */
export function renderAccessDiagram(access: AccessSummary, maxEdges = MAX_DIAGRAM_EDGES): string[] {
  const graph = accessGraph(access, maxEdges);
  if (graph === 'too many') {
    return [`_The access diagram is left out: these access changes make more than ${maxEdges} edges between domains, more than one diagram shows clearly._`, ''];
  }
  const { nodes, edges, owners } = graph;
  if (edges.length === 0 && owners.length === 0) return [];
  const sorted = [...nodes.values()].sort((a, b) => NODE_ORDER[a.kind] - NODE_ORDER[b.kind] || byCodePoint(a.label, b.label));
  const ids = mermaidIds('');
  const PREFIX: Record<NodeKind, string> = { domain: 'd_', principal: 'p_', everyone: 'everyone', cluster: 'cluster', unowned: 'unowned' };
  const idOf = new Map(sorted.map((n) => [n.key, ids(n.kind === 'domain' || n.kind === 'principal' ? `${PREFIX[n.kind]}${n.label}` : PREFIX[n.kind])]));
  const id = (key: string): string => idOf.get(key) ?? 'unknown';
  const label = (key: string): string => nodes.get(key)?.label ?? '';
  const SHAPE: Record<NodeKind, (l: string) => string> = {
    domain: (l) => `[${l}]`, principal: (l) => `(${l})`, everyone: (l) => `([${l}])`, cluster: (l) => `[(${l})]`, unowned: (l) => `[(${l})]`,
  };
  const out = ['```mermaid', 'flowchart LR'];
  for (const n of sorted) out.push(`  ${id(n.key)}${SHAPE[n.kind](mermaidLabel(n.label))}`);
  edges.sort((a, b) => byCodePoint(label(a.from), label(b.from)) || byCodePoint(label(a.to), label(b.to)) || byCodePoint(a.kind, b.kind) || byCodePoint(a.sign, b.sign));
  const styles: Record<'widening' | 'gained' | 'lost', number[]> = { widening: [], gained: [], lost: [] };
  edges.forEach((e, i) => {
    const text = mermaidLabel(`${e.sign} ${e.kind}${e.count > 1 ? ` (${e.count})` : ''}`);
    const arrow = e.sign === '−' ? '-.->' : e.widening ? '==>' : '-->';
    out.push(`  ${id(e.from)} ${arrow}|${text}| ${id(e.to)}`);
    styles[e.sign === '−' ? 'lost' : e.widening ? 'widening' : 'gained'].push(i);
  });
  const STYLE = { widening: 'stroke:#bf8700,stroke-width:3px', gained: 'stroke:#1a7f37,stroke-width:2px', lost: 'stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5' };
  for (const [kind, indexes] of Object.entries(styles) as [keyof typeof STYLE, number[]][]) {
    if (indexes.length) out.push(`  linkStyle ${indexes.join(',')} ${STYLE[kind]}`);
  }
  if (owners.length) {
    out.push('  classDef owner stroke:#1a7f37,stroke-width:3px');
    out.push(`  class ${owners.map(id).sort().join(',')} owner`);
  }
  out.push('```', '');
  const legend = [
    'arrows follow the data (a topic\'s owner → its reader, a writer → the topic\'s owner)',
    ...(styles.widening.length ? ['thick amber: a widening'] : []),
    ...(styles.gained.length ? ['green: access gained'] : []),
    ...(styles.lost.length ? ['dashed red: access lost'] : []),
    ...(owners.length ? ['green-bordered domains gain owner access to their own resources'] : []),
  ];
  out.push(`_${legend.join('; ').replace(/^a/, 'A')}._`, '');
  return out;
}
