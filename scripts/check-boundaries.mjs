#!/usr/bin/env node
// The architecture's boundaries: the dependency rules of .dependency-cruiser.cjs (the pure core
// imports no adapter, client library or file system; no module cycles), and no cycles between
// folders, at every depth. Exits 1 and names each violation.
import { cruise } from 'dependency-cruiser';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const config = require('../.dependency-cruiser.cjs');
const result = await cruise(['src'], { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden }, outputType: 'json' });
const output = typeof result.output === 'string' ? JSON.parse(result.output) : result.output;

const problems = [];
for (const v of output.summary.violations) problems.push(`${v.rule.name}: ${v.from} → ${v.to}${v.cycle ? ` (cycle: ${v.cycle.map((c) => c.name ?? c).join(' → ')})` : ''}`);

// Folder graph: an edge for every import between two different folders of src/.
const edges = new Map();
const folderOf = (file) => path.posix.dirname(file);
for (const m of output.modules) {
  if (!m.source.startsWith('src/')) continue;
  for (const d of m.dependencies) {
    if (!d.resolved.startsWith('src/')) continue;
    const from = folderOf(m.source);
    const to = folderOf(d.resolved);
    if (from === to) continue;
    if (!edges.has(from)) edges.set(from, new Map());
    if (!edges.get(from).has(to)) edges.get(from).set(to, `${m.source} → ${d.resolved}`);
  }
}
// Tarjan's strongly connected components: any component of more than one folder is a cycle.
let index = 0;
const stack = [];
const state = new Map();
const components = [];
const visit = (v) => {
  state.set(v, { index, low: index, onStack: true });
  index++;
  stack.push(v);
  for (const w of edges.get(v)?.keys() ?? []) {
    if (!state.has(w)) {
      visit(w);
      state.get(v).low = Math.min(state.get(v).low, state.get(w).low);
    } else if (state.get(w).onStack) state.get(v).low = Math.min(state.get(v).low, state.get(w).index);
  }
  if (state.get(v).low === state.get(v).index) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      state.get(w).onStack = false;
      component.push(w);
    } while (w !== v);
    if (component.length > 1) components.push(component);
  }
};
for (const v of edges.keys()) if (!state.has(v)) visit(v);
for (const c of components) {
  const inside = new Set(c);
  const examples = c.flatMap((from) => [...(edges.get(from) ?? [])].filter(([to]) => inside.has(to)).map(([, example]) => `    ${example}`));
  problems.push(`folder cycle: ${c.sort().join(' ⇄ ')}\n${examples.join('\n')}`);
}

if (problems.length) {
  process.stderr.write(`Boundary check: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`Boundary check: ${output.summary.totalCruised} modules, ${new Set(output.modules.filter((m) => m.source.startsWith('src/')).map((m) => folderOf(m.source))).size} folders, no violations and no folder cycles.\n`);
