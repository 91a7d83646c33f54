import { InvalidInputError, SpecmeshError } from '../core/errors.js';
import { isUsagePort, type KafkaAdminPort, type KafkaUsagePort } from '../kafka/kafka-admin-port.js';
import { consumptionReport, storageReport, type ConsumptionReport, type StorageReport } from '../report/usage-report.js';
import { loadSpecs, type LoadOptions } from '../spec/load/load-specs.js';
import type { Session } from './session.js';

export interface UsageOptions extends LoadOptions {
  session: Session;
}

/** Load the specs (their domain ids), then open the session's Kafka admin: both reports need a cluster. */
async function domainsAndAdmin(inputs: readonly string[], options: UsageOptions): Promise<{ domains: string[]; topics: string[]; admin: KafkaAdminPort & KafkaUsagePort }> {
  const load = await loadSpecs(inputs, options);
  if (!load.ok) throw new InvalidInputError(load.diagnostics);
  const admin = await options.session.kafkaAdmin();
  if (!admin) throw new SpecmeshError('This report reads the cluster, and none is configured', { fix: 'Pass --bootstrap-server or --command-config (or set SPECMESH_BOOTSTRAP_SERVERS / SPECMESH_COMMAND_CONFIG).' });
  if (!isUsagePort(admin)) throw new SpecmeshError('The Kafka admin of this session cannot read offsets, log dirs or consumer groups', { fix: 'Use the kafkajs adapter (specmesh/kafka), or give the injected port the KafkaUsagePort methods.' });
  return { domains: load.domains.map((d) => d.id), topics: load.domains.flatMap((d) => d.produces.map((t) => t.name)), admin };
}

/** Messages and bytes on disk of every topic the specs' domains own, with totals per domain. */
export async function storageOfSpecs(inputs: readonly string[], options: UsageOptions): Promise<StorageReport> {
  const { domains, topics, admin } = await domainsAndAdmin(inputs, options);
  return storageReport(admin, domains, topics);
}

/** The consumer groups of every topic the specs' domains own: members and lag. */
export async function consumptionOfSpecs(inputs: readonly string[], options: UsageOptions): Promise<ConsumptionReport> {
  const { domains, topics, admin } = await domainsAndAdmin(inputs, options);
  return consumptionReport(admin, domains, topics);
}
