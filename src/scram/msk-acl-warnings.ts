import { warning, type Diagnostic } from '../core/diagnostic.js';

/**
 * MSK's ACL defaults, which decide whether the planned ACLs mean anything (DESIGN §3): MSK sets
 * allow.everyone.if.no.acl.found=true and does not let users set super.users.
 */
export function mskAclWarnings(clusterArn: string): Diagnostic[] {
  return [
    warning('msk-allow-everyone-default',
      `MSK clusters default to allow.everyone.if.no.acl.found=true: on ${clusterArn}, any resource without an ACL is open to every authenticated user until that is set to false`,
      undefined, 'Once the ACLs are applied, set allow.everyone.if.no.acl.found=false in the cluster\'s MSK configuration.'),
    warning('msk-admin-acls',
      'MSK does not let you set super.users: before the cluster is switched to deny-by-default, the principal specmesh itself connects as needs ACLs of its own, or it locks itself out',
      undefined, 'Give the admin principal ALLOW ALL on the cluster, every topic and every group first: `kafka-acls --add --allow-principal User:<admin> --operation All --cluster --topic "*" --group "*"`.'),
  ];
}

/** MSK syncs newly associated secrets to the brokers asynchronously. */
export const propagationNote = (): Diagnostic => warning('scram-propagation',
  'New or changed SCRAM credentials reach the MSK brokers within about 10 minutes of association; clients using them may fail to authenticate until then',
  undefined, 'Retry authentication in clients for a few minutes after provisioning new users.');
