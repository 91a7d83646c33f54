import type { AwsOptions } from '../adapters/aws/aws-options.js';
import type { ConnectionInputs } from '../adapters/kafka/connection/inputs.js';
import type { KafkaClientOptions } from '../adapters/kafka/connection/kafka-client-config.js';
import type { SchemaRegistryInputs } from '../adapters/registry/registry-settings.js';
import type { IamPorts } from '../iam/manage/read-iam-state.js';
import type { KafkaAdminPort } from '../kafka/kafka-admin-port.js';
import type { Ports } from '../kinds/kind.js';
import type { SchemaRegistryPort } from '../schema/schema-registry-port.js';
import type { ScramPorts } from '../scram/scram-planner.js';

export interface SessionOptions {
  /** The Kafka cluster: flags-like inputs, completed by `SPECMESH_…` variables and a client.properties file. */
  kafka?: ConnectionInputs;
  /** kafkajs client settings for that connection: timeouts, a log creator, another MSK IAM signer. */
  kafkaClient?: KafkaClientOptions;
  /** A Confluent-compatible schema registry (completed by `SPECMESH_SCHEMA_REGISTRY_…` variables). */
  schemaRegistry?: SchemaRegistryInputs;
  /** How AWS is reached, for the scram emitter and --iam-manage. */
  aws?: AwsOptions;
  /** The MSK cluster the scram and iam emitters work on. */
  mskClusterArn?: string;
  /** Manage the iam emitter's policies in IAM (--iam-manage): plan against them, and apply them. */
  iamManage?: boolean;
  /** Ports made elsewhere (tests, build scripts with clients of their own): used as given, and never closed here. */
  ports?: {
    kafkaAdmin?: () => Promise<KafkaAdminPort>;
    schemaRegistry?: SchemaRegistryPort;
    scram?: ScramPorts;
    iam?: IamPorts;
  };
  env?: NodeJS.ProcessEnv;
}

/**
 * The connections of one run: the Kafka admin, the schema registry and the AWS clients, each
 * opened on first use (so an invalid spec never dials anything, and a run that needs no AWS never
 * loads its SDK) and closed once by `close()`.
 */
export class Session implements Ports {
  private readonly env: NodeJS.ProcessEnv;
  private admin?: Promise<KafkaAdminPort | undefined>;
  private registry?: Promise<SchemaRegistryPort | undefined>;
  private scramPorts?: Promise<ScramPorts | undefined>;
  private iamPorts?: Promise<{ ports: IamPorts; clusterArn: string } | undefined>;
  private readonly closers: (() => Promise<void> | void)[] = [];

  constructor(private readonly options: SessionOptions = {}) {
    this.env = options.env ?? process.env;
  }

  /** Whether a Kafka cluster is configured (flags, environment or injected); without one, plans diff against an empty cluster. */
  hasKafka(): boolean {
    const k = this.options.kafka ?? {};
    return Boolean(this.options.ports?.kafkaAdmin || k.bootstrapServers || k.commandConfig
      || this.env['SPECMESH_BOOTSTRAP_SERVERS'] || this.env['SPECMESH_COMMAND_CONFIG']);
  }

  /** Whether the iam emitter's policies are managed in AWS in this run. */
  get managesIam(): boolean {
    return Boolean(this.options.iamManage || this.options.ports?.iam);
  }

  kafkaAdmin(): Promise<KafkaAdminPort | undefined> {
    this.admin ??= (async () => {
      const injected = this.options.ports?.kafkaAdmin;
      if (injected) return injected();
      if (!this.hasKafka()) return undefined;
      const { openAdmin } = await import('../adapters/kafka/open-admin.js');
      const admin = await openAdmin(this.options.kafka ?? {}, this.env, this.options.kafkaClient);
      this.closers.push(() => admin.disconnect());
      return admin;
    })();
    return this.admin;
  }

  schemaRegistry(): Promise<SchemaRegistryPort | undefined> {
    this.registry ??= (async () => {
      if (this.options.ports?.schemaRegistry) return this.options.ports.schemaRegistry;
      const { schemaRegistryOptions } = await import('../adapters/registry/registry-settings.js');
      const settings = schemaRegistryOptions(this.options.schemaRegistry ?? {}, this.env);
      if (!settings) return undefined;
      const { httpSchemaRegistry } = await import('../adapters/registry/http-schema-registry.js');
      const registry = httpSchemaRegistry(settings);
      this.closers.push(() => registry.close());
      return registry;
    })();
    return this.registry;
  }

  scram(): Promise<ScramPorts | undefined> {
    this.scramPorts ??= (async () => {
      if (this.options.ports?.scram) return this.options.ports.scram;
      if (!this.options.mskClusterArn) return undefined;
      const { openScramPorts } = await import('../adapters/aws/open-scram.js');
      const { close, ...ports } = openScramPorts(this.options.mskClusterArn, this.options.aws);
      this.closers.push(close);
      return ports;
    })();
    return this.scramPorts;
  }

  iam(): Promise<{ ports: IamPorts; clusterArn: string } | undefined> {
    this.iamPorts ??= (async () => {
      const clusterArn = this.options.mskClusterArn;
      if (!clusterArn || !this.managesIam) return undefined;
      if (this.options.ports?.iam) return { ports: this.options.ports.iam, clusterArn };
      const { openIamPorts } = await import('../adapters/aws/open-iam.js');
      const { close, ...ports } = openIamPorts(clusterArn, this.options.aws);
      this.closers.push(close);
      return { ports, clusterArn };
    })();
    return this.iamPorts;
  }

  async readText(file: string): Promise<string | undefined> {
    const { readFile } = await import('node:fs/promises');
    return readFile(file, 'utf8').catch(() => undefined);
  }

  /** Closes what this session opened (not injected ports); safe to call more than once. */
  async close(): Promise<void> {
    const closers = this.closers.splice(0);
    await Promise.all(closers.map(async (c) => c()));
  }
}

export const openSession = (options: SessionOptions = {}): Session => new Session(options);
