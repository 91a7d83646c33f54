import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Flags } from './oclif.js';
import { SpecmeshCommand } from './specmesh-command.js';
import { buildBackstageCatalog, DEFAULT_OWNER_TEMPLATE } from '../render/backstage-catalog.js';
import { CATALOG_FORMATS, renderCatalogJson, renderCatalogYaml } from '../render/render-catalog.js';
import { withConfig } from './apply-config.js';
import { specFlags } from './flags.js';
import { loadCommandSpecs } from './command-specs.js';

/** Where --out writes: into `catalog-info.<ext>` (the name Backstage discovers) when it names a folder. */
async function outputFile(out: string, ext: string): Promise<string> {
  const isDir = /[/\\]$/.test(out) || (await stat(out).then((s) => s.isDirectory(), () => false));
  return isDir ? path.join(out, `catalog-info.${ext}`) : out;
}

export default class Catalog extends SpecmeshCommand {
  static override summary = 'Write Backstage catalog entities for the specs: an AsyncAPI API and a Component per domain, with who consumes whose API.';
  static override description = 'Per domain, an API entity (type asyncapi, its definition the spec file as written, so the file is self-contained) and a Component that provides it and consumes the APIs of the domains whose topics the spec consumes. A consumed domain whose spec is not given is referenced by name and noted. Entity names are the domain ids; an id Backstage refuses (over 63 characters, or odd characters) is shortened deterministically and ends in a fingerprint of the id. Needs no cluster; invalid specs are reported as validate reports them, with exit code 1.';
  static override examples = [
    '<%= config.bin %> catalog --spec specs/ > catalog-info.yaml',
    '<%= config.bin %> catalog --spec specs/ --out backstage/ --owner-template \'group:default/{domain}\' --system retail',
  ];
  static override flags = {
    ...specFlags,
    format: Flags.string({ char: 'f', summary: 'Output format: backstage (multi-document YAML, as catalog-info.yaml) or json ({ formatVersion, entities, notes }).', options: [...CATALOG_FORMATS], default: 'backstage' }),
    out: Flags.string({ char: 'o', summary: 'Write to this file, or into catalog-info.yaml (or .json) of this folder, instead of stdout.' }),
    'owner-template': Flags.string({ summary: 'Owner of each domain\'s entities, a Backstage entity reference with {domain} (the domain\'s entity name).', default: DEFAULT_OWNER_TEMPLATE }),
    system: Flags.string({ summary: 'Backstage system the APIs and Components belong to.' }),
    'component-type': Flags.string({ summary: 'spec.type of each domain\'s Component, e.g. service or data-product.', default: 'service' }),
  };

  async run(): Promise<void> {
    const parsed = await this.parse(Catalog);
    const flags = await withConfig(parsed.flags, parsed.metadata, Catalog.flags, this.configSettings);
    const result = await loadCommandSpecs('catalog', flags);
    if (!result.ok) this.exit(1);
    const specs = await Promise.all(result.domains.map(async (domain) => ({
      domain,
      text: await readFile(domain.file, 'utf8'),
      path: path.relative(process.cwd(), domain.file).split(path.sep).join('/'),
    })));
    const catalog = buildBackstageCatalog(specs, {
      ownerTemplate: flags['owner-template'],
      componentType: flags['component-type'],
      ...(flags.system !== undefined ? { system: flags.system } : {}),
    });
    for (const note of catalog.notes) process.stderr.write(`note: ${note}\n`);
    const json = flags.format === 'json';
    const text = json ? renderCatalogJson(catalog) : renderCatalogYaml(catalog);
    if (flags.out === undefined) { process.stdout.write(text); return; }
    const file = await outputFile(flags.out, json ? 'json' : 'yaml');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    process.stderr.write(`Wrote ${catalog.entities.length} Backstage entities for ${specs.length} domain${specs.length === 1 ? '' : 's'} to ${file}\n`);
  }
}
