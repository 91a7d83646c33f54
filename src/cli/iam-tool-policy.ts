import { Flags } from './oclif.js';
import { SpecmeshCommand } from './specmesh-command.js';
import { SpecmeshError } from '../core/errors.js';
import { EMITTERS } from '../emitters/registry.js';
import { unknownRegionProblem } from '../aws/regions.js';
import { parseClusterArn } from '../iam/cluster-arn.js';
import { parseRoleArn } from '../iam/role-arn.js';
import { buildToolPolicy, type ToolCommand } from '../iam/tool-policy.js';
import { withConfig } from './apply-config.js';
import { specFlags } from './flags.js';

export default class IamToolPolicy extends SpecmeshCommand {
  static override summary = 'Print the IAM policy specmesh itself needs to plan or provision: least privilege, for its own role.';
  static override description = 'The AWS actions of the chosen emitters and options, and the kafka-cluster actions of specmesh\'s own MSK IAM connection, each on the narrowest resource (the cluster, its topics, the /specmesh/ policies). Attach it to the role or user specmesh runs as.';
  static override examples = [
    '<%= config.bin %> iam tool-policy --emitter iam --iam-manage --for provision --msk-cluster-arn arn:aws:kafka:eu-west-1:123456789012:cluster/prod/abcd-1234 --iam-role-template "arn:aws:iam::123456789012:role/specmesh-{domain}"',
    '<%= config.bin %> iam tool-policy --emitter scram --for plan --no-kafka-iam',
  ];
  static override flags = {
    config: specFlags.config,
    profile: specFlags.profile,
    emitter: Flags.string({ char: 'e', summary: 'The emitters specmesh runs with (as for plan and provision).', options: [...EMITTERS], multiple: true, default: ['acl'] }),
    for: Flags.string({ summary: 'The command the policy is for: plan (reads only) or provision (reads and writes).', options: ['plan', 'provision'] }),
    'msk-cluster-arn': Flags.string({ summary: 'Narrow every resource to this cluster, its account and region (otherwise `*` stands in for them).', env: 'SPECMESH_MSK_CLUSTER_ARN' }),
    'iam-manage': Flags.boolean({ summary: 'The iam emitter manages its policies in IAM (--iam-manage): add the IAM and cluster-policy actions. Without it the iam emitter only writes policy files, and needs no IAM action.' }),
    'iam-role-template': Flags.string({ summary: 'The domain roles (as for plan): policies are attached to and detached from these roles only, not to any role of the account.' }),
    'clean-unspecified': Flags.boolean({ summary: 'Provision deletes too (--clean-unspecified).' }),
    'create-kms-key': Flags.boolean({ summary: 'The scram emitter creates its KMS key (--create-kms-key).' }),
    'kafka-iam': Flags.boolean({ summary: 'specmesh connects to Kafka with MSK IAM: add the kafka-cluster actions of its connection (--no-kafka-iam when it uses SCRAM or TLS).', allowNo: true, default: true }),
  };

  async run(): Promise<void> {
    const parsed = await this.parse(IamToolPolicy);
    const flags = await withConfig(parsed.flags, parsed.metadata, IamToolPolicy.flags, this.configSettings);
    if (!flags.for) {
      throw new SpecmeshError('iam tool-policy needs --for: the command the policy is for', { fix: 'Pass --for plan (a read-only role for pull-request review) or --for provision (the role that applies on merge).' });
    }
    const clusterArn = flags['msk-cluster-arn'];
    if (clusterArn) {
      const arn = parseClusterArn(clusterArn);
      if ('problem' in arn) throw new SpecmeshError(`--msk-cluster-arn: ${arn.problem}`, { fix: 'Copy the ARN from the MSK console or `aws kafka list-clusters-v2`.' });
      const regionProblem = unknownRegionProblem(arn.region, process.env['SPECMESH_ALLOW_UNKNOWN_REGIONS'] === '1');
      if (regionProblem) {
        throw new SpecmeshError(`--msk-cluster-arn names an unknown region: ${regionProblem}`, { fix: 'Copy the ARN from the MSK console or `aws kafka list-clusters-v2`; if AWS opened this region after this release, set SPECMESH_ALLOW_UNKNOWN_REGIONS=1.' });
      }
    }
    const roleTemplate = flags['iam-role-template'];
    if (roleTemplate) {
      const role = parseRoleArn(roleTemplate.trim().replaceAll('{domain}', 'domain'));
      if ('problem' in role || !roleTemplate.includes('{domain}')) {
        throw new SpecmeshError(`--iam-role-template "${roleTemplate}" is not a role ARN with {domain}`, { fix: 'Pass the template plan uses, e.g. arn:aws:iam::123456789012:role/specmesh-{domain}.' });
      }
    }
    if (flags['iam-manage'] && !flags.emitter.includes('iam')) {
      throw new SpecmeshError('--iam-manage manages the iam emitter\'s policies', { fix: 'Add --emitter iam.' });
    }
    const policy = buildToolPolicy({
      emitters: flags.emitter, command: flags.for as ToolCommand, kafkaIam: flags['kafka-iam'], iamManage: flags['iam-manage'],
      cleanUnspecified: flags['clean-unspecified'], createKmsKey: flags['create-kms-key'], ...(clusterArn ? { clusterArn } : {}),
      ...(roleTemplate ? { roleTemplate } : {}),
    });
    process.stdout.write(`${JSON.stringify(policy, null, 2)}\n`);
  }
}
