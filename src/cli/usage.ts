import { Flags } from './oclif.js';
import { SpecmeshCommand } from './specmesh-command.js';
import { Session } from '../orchestrate/session.js';
import { consumptionOfSpecs, storageOfSpecs, type UsageOptions } from '../orchestrate/usage-specs.js';
import { renderConsumption, renderNotVisible, renderStorage, USAGE_FORMATS, type UsageFormat } from '../render/render-usage.js';
import type { KafkaVariant } from '../spec/kafka-variant.js';
import { withConfig } from './apply-config.js';
import { connectionFlags, connectionInputsFromFlags } from './connection-flags.js';
import { specFlags } from './flags.js';
import { requireSpecs, specLoadOptions } from './command-specs.js';

const usageFlags = {
  ...specFlags,
  ...connectionFlags,
  format: Flags.string({ char: 'f', summary: 'Output format.', options: [...USAGE_FORMATS], default: 'text' }),
};

type UsageFlags = { spec?: string[] | undefined; env?: string | undefined; 'kafka-variant'?: string | undefined; 'cache-dir'?: string | undefined; 'no-cache'?: boolean | undefined; format?: string | undefined };

/** The shared run of `storage` and `consumption`: parse, load specs, read the cluster, render. */
async function runUsage<R extends { notVisible: readonly string[]; groupsNotDescribed?: readonly string[] }>(name: string, flags: UsageFlags & Parameters<typeof connectionInputsFromFlags>[0],
  read: (specs: string[], options: UsageOptions) => Promise<R>, render: (r: R, f: UsageFormat) => string): Promise<void> {
  const specs = requireSpecs(name, flags.spec);
  const session = new Session({ kafka: connectionInputsFromFlags(flags) });
  const options: UsageOptions = {
    session,
    kafkaVariant: (flags['kafka-variant'] ?? 'apache') as KafkaVariant,
    ...specLoadOptions(flags),
  };
  const report = await read(specs, options).finally(() => session.close());
  const format = (flags.format ?? 'text') as UsageFormat;
  process.stdout.write(render(report, format));
  // csv is rows only: the topics and groups it leaves out are told on stderr, out of the way of a pipe.
  if (format === 'csv') process.stderr.write(renderNotVisible(report.notVisible, report.groupsNotDescribed));
}

abstract class UsageCommand extends SpecmeshCommand {
  protected override readonly jsonFailures = true;
}

export class Storage extends UsageCommand {
  static override summary = 'Show messages and bytes on disk of each topic the specs\' domains own, with totals per domain.';
  static override description = 'Messages are the offset span (latest − earliest, summed over partitions). Bytes come from DescribeLogDirs: BYTES (LEADERS) sums the leader replica of each partition (one copy of the data, the size kafka-log-dirs shows for it), BYTES (ALL REPLICAS) every replica on every broker. Needs DESCRIBE on the cluster (MSK IAM: kafka-cluster:DescribeCluster) and DESCRIBE on the topics (kafka-cluster:DescribeTopic).';
  static override examples = ['<%= config.bin %> storage --spec specs/ --command-config admin.properties', '<%= config.bin %> storage --spec specs/ -b localhost:9092 --format csv'];
  static override flags = usageFlags;

  async run(): Promise<void> {
    const parsed = await this.parse(Storage);
    const flags = await withConfig(parsed.flags, parsed.metadata, Storage.flags, this.configSettings);
    await runUsage('storage', flags, storageOfSpecs, renderStorage);
  }
}

export class Consumption extends UsageCommand {
  static override summary = 'Show the consumer groups reading each topic the specs\' domains own: state, members and lag.';
  static override description = 'Lag is the messages the group has not consumed yet: latest − committed offset on each partition, summed; on a partition without a committed offset, every retained message (latest − earliest). Needs DESCRIBE on the cluster or on each group (MSK IAM: kafka-cluster:DescribeGroup) and DESCRIBE on the topics (kafka-cluster:DescribeTopic).';
  static override examples = ['<%= config.bin %> consumption --spec specs/ --command-config admin.properties', '<%= config.bin %> consumption --spec specs/ -b localhost:9092 --format json'];
  static override flags = usageFlags;

  async run(): Promise<void> {
    const parsed = await this.parse(Consumption);
    const flags = await withConfig(parsed.flags, parsed.metadata, Consumption.flags, this.configSettings);
    await runUsage('consumption', flags, consumptionOfSpecs, renderConsumption);
  }
}
