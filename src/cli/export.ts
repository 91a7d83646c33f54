import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Flags } from './oclif.js';
import { SpecmeshCommand } from './specmesh-command.js';
import { readMapping } from '../adapters/files/read-mapping.js';
import { SpecmeshError } from '../core/errors.js';
import { ASYNCAPI_VERSIONS, type AsyncApiVersion } from '../export/build-domain-spec.js';
import { exportDomains } from '../orchestrate/export-domains.js';
import { connectionFlags } from './connection-flags.js';
import { planFlags, sessionFromFlags } from './plan-flags.js';
import { specFlags } from './flags.js';
import { formatDiagnostics, useColor } from './report.js';
import { withConfig } from './apply-config.js';
import { makeDir } from '../adapters/files/make-dir.js';

export default class Export extends SpecmeshCommand {
  static override summary = 'Write AsyncAPI specs from what the cluster holds: topics, grants, consumption and schemas.';
  static override description = 'Reads the live cluster (and the schema registry, when given) and writes one spec per domain, with its schemas under <out>/schema/. Planning the written specs shows no changes. Without --domain, every domain recognised from topic names is exported, and topics that fit no domain are listed.';
  static override examples = [
    '<%= config.bin %> export --domain acme.retail.orders --bootstrap-server localhost:9092 --out specs/',
    '<%= config.bin %> export --command-config admin.properties --schema-registry-url http://localhost:8081 --asyncapi-version 3.0 --out specs/',
  ];
  static override flags = {
    config: specFlags.config,
    profile: specFlags.profile,
    domain: Flags.string({ char: 'd', summary: 'The domain to export, e.g. acme.retail.orders (default: every domain the topic names show).' }),
    out: Flags.string({ char: 'o', summary: 'Folder to write the specs into (created when missing).', default: '.' }),
    'asyncapi-version': Flags.string({ summary: 'AsyncAPI version of the written specs.', options: [...ASYNCAPI_VERSIONS], default: '2.6' }),
    'principal-map': planFlags['principal-map'],
    'schema-registry-url': planFlags['schema-registry-url'],
    'schema-registry-user': planFlags['schema-registry-user'],
    'schema-registry-ca': planFlags['schema-registry-ca'],
    'schema-registry-timeout': planFlags['schema-registry-timeout'],
    ...connectionFlags,
  };

  async run(): Promise<void> {
    const parsed = await this.parse(Export);
    const flags = await withConfig(parsed.flags, parsed.metadata, Export.flags, this.configSettings);
    const session = sessionFromFlags({ ...flags, spec: [], emitter: [] });
    const result = await exportDomains({
      session,
      ...(flags.domain !== undefined ? { domain: flags.domain } : {}),
      version: flags['asyncapi-version'] as AsyncApiVersion,
      ...(flags['principal-map'] ? { principals: await readMapping(flags['principal-map'], 'the principal map') } : {}),
    }).finally(() => session.close());
    process.stderr.write(formatDiagnostics(result.diagnostics, { verbose: false, color: useColor(process.stderr) }));
    await makeDir(flags.out).catch((err: Error) => {
      throw new SpecmeshError(`Cannot create the --out folder ${flags.out}: ${err.message}`, { fix: 'Pass --out a folder you can write to (missing folders are created).' });
    });
    for (const d of result.domains) {
      for (const file of d.files) {
        const target = path.join(flags.out, ...file.path.split('/'));
        await makeDir(path.dirname(target));
        await fs.writeFile(target, file.content);
      }
      const schemas = d.files.length - 1;
      process.stdout.write(`${d.domain}: ${path.join(flags.out, d.specFile)}${schemas > 0 ? ` (${schemas} schema${schemas === 1 ? '' : 's'})` : ''}\n`);
    }
    if (result.unowned.length > 0) {
      process.stderr.write(`Unowned topics (no <domain>._public|_protected|_private. prefix), not exported:\n${result.unowned.map((t) => `  ${t}\n`).join('')}`);
    }
  }
}
