import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEstateGraph } from '../../src/render/estate-graph.js';
import { renderGraphDot, renderGraphMermaid } from '../../src/render/render-graph.js';
import { expectFile, loadSpecCase } from './golden-files.js';

// Each case: case.json ({ description, specs: paths relative to the case, sameErrorsAs?: a plan
// case whose errors.txt these specs must match }), and the expected
// graph.mmd and graph.dot of `specmesh graph`, or errors.txt when the specs must be rejected.
// UPDATE_GOLDEN=1 rewrites the expected files; review the diff before committing.
const root = path.join(path.dirname(new URL(import.meta.url).pathname), 'graph');

const hasDot = ((): boolean => {
  try {
    execFileSync('dot', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** What a Graphviz reader needs of our output: balanced braces, every edge's ends declared as nodes. */
function checkDotStructure(dot: string): void {
  expect(dot.split('{').length).toBe(dot.split('}').length);
  expect(dot).toMatch(/^(\/\/.*\n)*digraph specmesh \{\n[\s\S]*\n\}\n$/);
  const declared = new Set([...dot.matchAll(/^\s+("(?:[^"\\]|\\.)*") \[label=/gm)].map((m) => m[1]));
  const edges = [...dot.matchAll(/^\s+("(?:[^"\\]|\\.)*") -> ("(?:[^"\\]|\\.)*") \[/gm)];
  expect(edges.length).toBeGreaterThan(0);
  for (const [, from, to] of edges) {
    expect(declared, `edge ${from} -> ${to}`).toContain(from);
    expect(declared, `edge ${from} -> ${to}`).toContain(to);
  }
}

/** The same of the Mermaid flowchart: subgraphs closed, every edge's ends declared, ids Mermaid accepts. */
function checkMermaidStructure(mmd: string): void {
  const lines = mmd.split('\n').filter((l) => l && !l.startsWith('%%'));
  expect(lines[0]).toBe('flowchart LR');
  expect(lines.filter((l) => /^\s*subgraph /.test(l)).length).toBe(lines.filter((l) => l.trim() === 'end').length);
  const declared = new Set(lines.map((l) => /^\s+(?:subgraph )?([A-Za-z0-9_]+)[[({]/.exec(l)?.[1]).filter(Boolean));
  const edges = lines.map((l) => /^\s+([A-Za-z0-9_]+) (?:-->|-\.->)\|[a-z]+\| ([A-Za-z0-9_]+)$/.exec(l)).filter((m) => m !== null);
  expect(edges.length).toBeGreaterThan(0);
  for (const [, from, to] of edges) {
    expect(declared).toContain(from);
    expect(declared).toContain(to);
  }
  for (const id of declared) expect(id).not.toMatch(/^(end|graph|subgraph|style|class)$/);
}

describe('golden estate graphs', () => {
  for (const name of readdirSync(root).sort()) {
    it(name, async () => {
      const dir = path.join(root, name);
      const domains = await loadSpecCase(dir);
      if (!domains) return;
      const graph = buildEstateGraph(domains);
      const mmd = renderGraphMermaid(graph);
      const dot = renderGraphDot(graph);
      expectFile(path.join(dir, 'graph.mmd'), mmd);
      expectFile(path.join(dir, 'graph.dot'), dot);
      checkMermaidStructure(mmd);
      checkDotStructure(dot);
      // The same specs in another order draw the same graph.
      expect(renderGraphDot(buildEstateGraph([...domains].reverse()))).toBe(dot);
    });
  }

  it.skipIf(!hasDot)('are graphs Graphviz reads', () => {
    for (const name of readdirSync(root)) {
      const file = path.join(root, name, 'graph.dot');
      if (!existsSync(file)) continue;
      const svg = execFileSync('dot', ['-Tsvg', file], { encoding: 'utf8' });
      expect(svg).toContain('<svg');
    }
  });
});
