import path from 'node:path';
import { Flags } from './oclif.js';
import { SpecmeshCommand } from './specmesh-command.js';
import { defaultLocalDir, localClusterStatus, startLocalCluster, stopLocalCluster, type LocalCluster } from '../local/local-cluster.js';
import { terminalProgress } from './terminal-progress.js';
import { dirOption, localDirEnv, shownPath as shown } from './local-hints.js';

const dirFlag = Flags.string({ summary: 'The local cluster\'s folder: data, logs and credentials (default: $XDG_STATE_HOME/specmesh/local or ~/.local/state/specmesh/local).', env: 'SPECMESH_LOCAL_DIR' });

export function describeLocalCluster(cluster: LocalCluster): string {
  const lines = [
    `Local cluster ${cluster.started ? 'started' : 'already running'}: Apache Kafka ${cluster.version} at ${cluster.bootstrap} (SASL_PLAINTEXT, SCRAM-SHA-512), pid ${cluster.pid}.`,
  ];
  if (cluster.schemaRegistryUrl) lines.push(`Schema registry: ${cluster.schemaRegistryUrl}`);
  const report = cluster.provisioned?.report;
  if (cluster.provisioned?.plan) {
    const applied = report ? `${report.ok} change${report.ok === 1 ? '' : 's'} applied` : 'nothing to change';
    lines.push(`Provisioned ${cluster.provisioned.load.domains.length} domain${cluster.provisioned.load.domains.length === 1 ? '' : 's'}: ${applied}.`);
  }
  const domains = Object.values(cluster.domains).sort((a, b) => a.domain.localeCompare(b.domain));
  if (domains.length) {
    lines.push('', 'Connect as each domain (SCRAM user = domain id; the files are mode 600):');
    const width = Math.max(...domains.map((d) => d.domain.length));
    const propsWidth = Math.max(...domains.map((d) => shown(d.clientProperties).length));
    for (const d of domains) lines.push(`  ${d.domain.padEnd(width)}  --command-config ${shown(d.clientProperties).padEnd(propsWidth)}   env: ${shown(d.envFile)}`);
  }
  lines.push(
    '',
    `Admin: --command-config ${shown(cluster.adminProperties)}`,
    `Plan against it:  ${localDirEnv(cluster.dir)}specmesh plan --spec <specs> --profile local`,
    `Stop it:          specmesh local stop${dirOption(cluster.dir)}   (data kept; --purge deletes it)`,
  );
  return `${lines.join('\n')}\n`;
}

export class LocalStart extends SpecmeshCommand {
  static override summary = 'Start a governed Kafka on this machine, provision the specs, and write each domain\'s credentials.';
  static override description =
    'A single-node Apache Kafka on 127.0.0.1 (KRaft, SASL/SCRAM, StandardAuthorizer: no ACL means deny), run from Maven Central jars cached in $XDG_CACHE_HOME/specmesh. Each domain of the specs gets a SCRAM user named after it, a client.properties and an env file. Needs Java 17+ (and Maven, until the jars are cached). A second start reuses the running cluster and provisions the specs given.';
  static override examples = ['<%= config.bin %> local start --spec specs/', '<%= config.bin %> local start --spec app-api.yaml --kafka-version 4.1.1'];
  static override flags = {
    spec: Flags.string({ char: 's', summary: 'AsyncAPI specs to provision: a file, a folder, or a glob. Repeatable.', multiple: true }),
    dir: dirFlag,
    'kafka-version': Flags.string({ summary: 'Apache Kafka version (default 3.9.1; a cluster keeps the version it was made with).' }),
    registry: Flags.boolean({ summary: 'Also run a schema registry (Apicurio Registry, Confluent-compatible API) and register the specs\' schemas in it.' }),
    heap: Flags.string({ summary: 'The broker JVM\'s maximum heap.', default: '512m' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(LocalStart);
    const progress = terminalProgress(process.stderr);
    const cluster = await startLocalCluster({
      specs: flags.spec ?? [],
      detached: true,
      heap: flags.heap,
      ...(flags.registry ? { registry: true } : {}),
      ...(flags.dir ? { dir: flags.dir } : {}),
      ...(flags['kafka-version'] ? { kafkaVersion: flags['kafka-version'] } : {}),
      log: (line) => {
        progress.done();
        process.stderr.write(`${line}\n`);
      },
      ...(progress.listener ? { onProgress: progress.listener } : {}),
    }).finally(() => progress.done());
    process.stdout.write(describeLocalCluster(cluster));
  }
}

export class LocalStatus extends SpecmeshCommand {
  static override summary = 'Say whether the local cluster runs, where, and for which domains.';
  static override flags = { dir: dirFlag, format: Flags.string({ char: 'f', summary: 'text, or json.', options: ['text', 'json'], default: 'text' }) };

  async run(): Promise<void> {
    const { flags } = await this.parse(LocalStatus);
    const status = localClusterStatus(flags.dir ?? defaultLocalDir());
    if (flags.format === 'json') {
      process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
    } else if (status.state === 'absent') {
      process.stdout.write(`No local cluster in ${shown(status.dir)}. Start one: specmesh local start --spec <specs>${dirOption(status.dir)}\n`);
    } else if (status.state === 'running') {
      const memory = status.rssKiB ? `, ${Math.round(status.rssKiB / 1024)} MiB resident` : '';
      const registry = status.schemaRegistryUrl ? `Schema registry: ${status.schemaRegistryUrl}\n` : '';
      process.stdout.write(`Running: Apache Kafka ${status.version} at ${status.bootstrap}, pid ${status.pid}${memory}.\n${registry}Domains: ${status.domains.join(', ') || '(none)'}\n`);
    } else {
      const why = status.crashed ? 'Not running: its broker process is gone without a stop (killed or crashed).' : 'Stopped.';
      process.stdout.write(`${why} Apache Kafka ${status.version}, data kept in ${shown(status.dir)}.\n\`specmesh local start${dirOption(status.dir)}\` starts it again with its data; \`specmesh local stop --purge${dirOption(status.dir)}\` deletes it.\n`);
    }
    if (status.state !== 'running') this.exit(3);
  }
}

export class LocalStop extends SpecmeshCommand {
  static override summary = 'Stop the local cluster (by its pid); its data is kept unless --purge.';
  static override flags = { dir: dirFlag, purge: Flags.boolean({ summary: 'Also delete its data, logs and credentials.' }) };

  async run(): Promise<void> {
    const { flags } = await this.parse(LocalStop);
    const dir = flags.dir ?? defaultLocalDir();
    const { wasRunning, purged } = await stopLocalCluster(dir, { purge: flags.purge });
    const what = wasRunning ? 'Stopped the local cluster' : 'The local cluster was not running';
    process.stdout.write(`${what}${purged ? `; deleted ${shown(path.resolve(dir))}` : wasRunning ? `; data kept in ${shown(path.resolve(dir))}` : ''}.\n`);
  }
}
