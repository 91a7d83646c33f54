import type { Visibility } from '../spec/model.js';
import { domainKey, type EstateGraph, EVERYONE, type GraphDomain, type GraphTopic, topicKey } from './estate-graph.js';
import { mermaidIds, mermaidLabel } from './mermaid.js';

export const GRAPH_FORMATS = ['mermaid', 'dot'] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

/** A topic's name inside its domain's box: `_public.order_placed` rather than the full name. */
const shortName = (d: GraphDomain, t: GraphTopic): string => (t.name.startsWith(`${d.id}.`) ? t.name.slice(d.id.length + 1) : t.name);

const MERMAID_SHAPE: Record<Visibility, (label: string) => string> = {
  public: (l) => `([${l}])`,
  protected: (l) => `{{${l}}}`,
  private: (l) => `[${l}]`,
};

/**
 * The estate as a Mermaid flowchart: one box per domain holding the domain (double-barred) and its topics
 * (stadium: public, hexagon: protected, rectangle: private); solid edges produce and consume,
 * dashed edges are grants. Dashed boxes and topics: named by a spec, not declared by one.
 */
export function renderGraphMermaid(graph: EstateGraph): string {
  const ids = mermaidIds('');
  const id = new Map<string, string>();
  for (const d of graph.domains) {
    id.set(`group:${d.id}`, ids(`g_${d.id}`));
    if (d.hasNode) id.set(domainKey(d.id), ids(`d_${d.id}`));
    for (const t of d.topics) id.set(topicKey(t.name), ids(`t_${t.name}`));
  }
  if (graph.everyone) id.set(EVERYONE, ids(EVERYONE));
  const out = [
    '%% specmesh graph: one box per domain, holding the domain (double-barred) and its topics (stadium: _public, hexagon: _protected, rectangle: _private).',
    '%% Solid arrows: a domain produces to a topic, a topic is consumed by a domain; dashed: a grant of a protected topic.',
    '%% Dashed boxes and topics: named by a spec but declared by none given.',
    'flowchart LR',
  ];
  const undeclared: string[] = [];
  for (const d of graph.domains) {
    out.push(`  subgraph ${id.get(`group:${d.id}`)}[${mermaidLabel(d.id)}]`);
    if (d.hasNode) out.push(`    ${id.get(domainKey(d.id))}[[${mermaidLabel(d.id)}]]`);
    for (const t of d.topics) {
      out.push(`    ${id.get(topicKey(t.name))}${MERMAID_SHAPE[t.visibility](mermaidLabel(shortName(d, t)))}`);
      if (!t.declared) undeclared.push(id.get(topicKey(t.name)) ?? '');
    }
    out.push('  end');
    if (!d.inSpecs) {
      undeclared.push(id.get(`group:${d.id}`) ?? '');
      if (d.hasNode) undeclared.push(id.get(domainKey(d.id)) ?? '');
    }
  }
  if (graph.everyone) out.push(`  ${id.get(EVERYONE)}(["everyone"])`);
  for (const e of graph.edges) {
    out.push(`  ${id.get(e.from)} ${e.kind === 'grant' ? '-.->' : '-->'}|${e.kind}| ${id.get(e.to)}`);
  }
  for (const u of undeclared.sort()) out.push(`  style ${u} stroke-dasharray:5 5`);
  return `${out.join('\n')}\n`;
}

/** A Graphviz ID: always quoted, with `"` and `\` escaped, so any name is one. */
const dotId = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;

const DOT_SHAPE: Record<Visibility, string> = { public: 'ellipse', protected: 'hexagon', private: 'box' };

/** The estate as a Graphviz digraph, the same graph as the Mermaid one: one cluster per domain. */
export function renderGraphDot(graph: EstateGraph): string {
  const out = [
    '// specmesh graph: domains and their topics (ellipse: _public, hexagon: _protected, box: _private).',
    '// Solid arrows: a domain produces to a topic, a topic is consumed by a domain; dashed: a grant of a protected topic.',
    '// Dashed clusters and topics: named by a spec but declared by none given.',
    'digraph specmesh {',
    '  rankdir=LR;',
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=9];',
  ];
  for (const d of graph.domains) {
    out.push(`  subgraph ${dotId(`cluster_${d.id}`)} {`);
    out.push(`    label=${dotId(d.id)};`);
    if (!d.inSpecs) out.push('    style=dashed;');
    if (d.hasNode) out.push(`    ${dotId(domainKey(d.id))} [label=${dotId(d.id)}, shape=box, style=${d.inSpecs ? '"rounded,bold"' : '"rounded,dashed"'}];`);
    for (const t of d.topics) {
      out.push(`    ${dotId(topicKey(t.name))} [label=${dotId(shortName(d, t))}, shape=${DOT_SHAPE[t.visibility]}${t.declared ? '' : ', style=dashed'}];`);
    }
    out.push('  }');
  }
  if (graph.everyone) out.push(`  ${dotId(EVERYONE)} [label="everyone", shape=oval, style=dashed];`);
  for (const e of graph.edges) {
    out.push(`  ${dotId(e.from)} -> ${dotId(e.to)} [label=${dotId(e.kind)}${e.kind === 'grant' ? ', style=dashed' : ''}];`);
  }
  out.push('}');
  return `${out.join('\n')}\n`;
}
