// IAM for the MSK emulator's own routes (kafka:GetClusterPolicy, kafka:BatchAssociateScramSecret, …),
// when tests turn it on: moto enforces IAM for the services it serves, and MSK's control plane must
// as well for a least-privilege policy to be tested whole. The caller is the access key of the
// request's SigV4 Authorization header, as moto (which issued it) knows it; its identity policies are
// read from moto's IAM and evaluated with @cloud-copilot/iam-simulate, as AWS would decide.
import type { IncomingMessage } from 'node:http';
import type { IAMClient } from '@aws-sdk/client-iam';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { policiesOf } from './msk-iam-control.js';

export interface Caller {
  /** The role or user the policies are attached to. */
  arn: string;
}

/** The identity behind an access key, from moto's state (sts.AssumedRole, iam.AccessKey). */
async function callerOf(motoEndpoint: string, accessKeyId: string, account: string): Promise<Caller | undefined> {
  const data = await (await fetch(`${motoEndpoint}/moto-api/data.json`)).json() as {
    sts?: { AssumedRole?: { access_key_id: string; role_arn: string }[] };
    iam?: { AccessKey?: { access_key_id: string; user_name: string | null }[] };
  };
  const role = data.sts?.AssumedRole?.find((r) => r.access_key_id === accessKeyId);
  if (role) return { arn: role.role_arn };
  const key = data.iam?.AccessKey?.find((k) => k.access_key_id === accessKeyId && k.user_name);
  return key ? { arn: `arn:aws:iam::${account}:user/${key.user_name}` } : undefined;
}

/** Undefined when allowed; else the message AWS gives. */
export async function iamRefusal(req: IncomingMessage, action: string, resource: string, moto: { endpoint: string; iam: IAMClient; account: string }): Promise<string | undefined> {
  const accessKeyId = /Credential=([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1];
  const caller = accessKeyId ? await callerOf(moto.endpoint, accessKeyId, moto.account) : undefined;
  if (!caller) return `The security token included in the request is invalid (access key ${accessKeyId ?? 'none'}).`;
  const policies = await policiesOf(moto.iam, caller.arn);
  const result = await runSimulation({
    request: { principal: caller.arn, action, resource: { resource, accountId: moto.account }, contextVariables: {} },
    identityPolicies: policies.map((policy, i) => ({ name: `p${i}`, policy: policy as never })),
    serviceControlPolicies: [], resourceControlPolicies: [],
  }, {});
  if (result.resultType === 'error') return `IAM could not evaluate the policies of ${caller.arn}: ${JSON.stringify(result.errors)}`;
  if (result.overallResult === 'Allowed') return undefined;
  const why = result.overallResult === 'ExplicitlyDenied' ? 'with an explicit deny in an identity-based policy' : `because no identity-based policy allows the ${action} action`;
  return `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${resource} ${why}`;
}
