import { Flags } from './oclif.js';
import { SpecmeshCommand } from './specmesh-command.js';
import { SpecmeshError } from '../core/errors.js';
import { EMITTERS } from '../emitters/registry.js';
import { parseClusterArn } from '../iam/cluster-arn.js';
import { buildToolPolicy, type ToolCommand } from '../iam/tool-policy.js';

export default class IamToolPolicy extends SpecmeshCommand {
  static override summary = 'Print the IAM policy specmesh itself needs to plan or provision: least privilege, for its own role.';
  static override description = 'The AWS actions of the chosen emitters and options, and the kafka-cluster actions of specmesh\'s own MSK IAM connection, each on the narrowest resource (the cluster, its topics, the /specmesh/ policies). Attach it to the role or user specmesh runs as.';
  static override examples = [
    '<%= config.bin %> iam tool-policy --emitter iam --iam-manage --for provision --msk-cluster-arn arn:aws:kafka:eu-west-1:123456789012:cluster/prod/abcd-1234',
    '<%= config.bin %> iam tool-policy --emitter scram --for plan --no-kafka-iam',
  ];
  static override flags = {
    emitter: Flags.string({ char: 'e', summary: 'The emitters specmesh runs with (as for plan and provision).', options: [...EMITTERS], multiple: true, default: ['acl'] }),
    for: Flags.string({ summary: 'The command the policy is for: plan (reads only) or provision (reads and writes).', options: ['plan', 'provision'], required: true }),
    'msk-cluster-arn': Flags.string({ summary: 'Narrow every resource to this cluster, its account and region (otherwise `*` stands in for them).', env: 'SPECMESH_MSK_CLUSTER_ARN' }),
    'iam-manage': Flags.boolean({ summary: 'The iam emitter manages its policies in IAM (--iam-manage): add the IAM and cluster-policy actions.' }),
    'clean-unspecified': Flags.boolean({ summary: 'Provision deletes too (--clean-unspecified).' }),
    'create-kms-key': Flags.boolean({ summary: 'The scram emitter creates its KMS key (--create-kms-key).' }),
    'kafka-iam': Flags.boolean({ summary: 'specmesh connects to Kafka with MSK IAM: add the kafka-cluster actions of its connection (--no-kafka-iam when it uses SCRAM or TLS).', allowNo: true, default: true }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(IamToolPolicy);
    const clusterArn = flags['msk-cluster-arn'];
    if (clusterArn) {
      const parsed = parseClusterArn(clusterArn);
      if ('problem' in parsed) throw new SpecmeshError(parsed.problem, { fix: 'Copy the ARN from the MSK console or `aws kafka list-clusters-v2`.' });
    }
    if (flags['iam-manage'] && !flags.emitter.includes('iam')) {
      throw new SpecmeshError('--iam-manage manages the iam emitter\'s policies', { fix: 'Add --emitter iam.' });
    }
    const policy = buildToolPolicy({
      emitters: flags.emitter, command: flags.for as ToolCommand, kafkaIam: flags['kafka-iam'], iamManage: flags['iam-manage'],
      cleanUnspecified: flags['clean-unspecified'], createKmsKey: flags['create-kms-key'], ...(clusterArn ? { clusterArn } : {}),
    });
    process.stdout.write(`${JSON.stringify(policy, null, 2)}\n`);
  }
}
