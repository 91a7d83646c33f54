import { Flags } from './oclif.js';
import { SpecmeshCommand } from './specmesh-command.js';
import { buildEstateGraph } from '../render/estate-graph.js';
import { GRAPH_FORMATS, renderGraphDot, renderGraphMermaid } from '../render/render-graph.js';
import { withConfig } from './apply-config.js';
import { specFlags } from './flags.js';
import { loadCommandSpecs } from './command-specs.js';

export default class Graph extends SpecmeshCommand {
  static override summary = 'Draw the estate the specs describe: domains, their topics, who produces, consumes and is granted what.';
  static override description = 'Prints a Mermaid flowchart (the default; GitHub draws it inside a ```mermaid block) or a Graphviz dot graph of every domain in the specs. Needs no cluster; invalid specs are reported as validate reports them, with exit code 1.';
  static override examples = [
    '<%= config.bin %> graph --spec specs/ > estate.mmd',
    '<%= config.bin %> graph --spec specs/ --format dot | dot -Tsvg > estate.svg',
  ];
  static override flags = {
    ...specFlags,
    format: Flags.string({ char: 'f', summary: 'Output format: mermaid (a flowchart) or dot (Graphviz).', options: [...GRAPH_FORMATS], default: 'mermaid' }),
  };

  async run(): Promise<void> {
    const parsed = await this.parse(Graph);
    const flags = await withConfig(parsed.flags, parsed.metadata, Graph.flags, this.configSettings);
    const result = await loadCommandSpecs('graph', flags);
    if (!result.ok) this.exit(1);
    const graph = buildEstateGraph(result.domains);
    process.stdout.write(flags.format === 'dot' ? renderGraphDot(graph) : renderGraphMermaid(graph));
  }
}
