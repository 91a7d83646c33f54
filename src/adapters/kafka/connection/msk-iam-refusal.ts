import { parseClusterArn } from '../../../iam/cluster-arn.js';
import { principalOf } from './authorization-advice.js';
import type { MskIamTokenInfo } from './msk-iam-authenticator.js';
import { mskRegionOf } from './msk.js';
import type { ResolvedConnection } from './resolved-connection.js';

export interface IamRefusal {
  message: string;
  fix: string;
}

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The cluster's region, where the connection knows it: from --msk-cluster-arn, else an MSK broker host name. */
function clusterRegion(conn: ResolvedConnection): { region: string; source: string } | undefined {
  const arn = conn.aws?.clusterArn ? parseClusterArn(conn.aws.clusterArn) : undefined;
  if (arn && !('problem' in arn)) return { region: arn.region, source: `the cluster ARN ${arn.arn}` };
  const fromHost = mskRegionOf(conn.brokers);
  return fromHost ? { region: fromHost, source: 'the MSK broker host name' } : undefined;
}

/**
 * Why an MSK IAM broker refused the connection. MSK answers every refused token with the same
 * "[<request id>]: Access denied", so the reason is found on this side, from the token specmesh
 * sent (its signing time, expiry, region and access key) and what the connection knows of the
 * cluster; what cannot be told apart from here is listed with the way to check it.
 */
export function explainIamRefusal(conn: ResolvedConnection, broker: string, reason: string, token: MskIamTokenInfo = {}, now = Date.now()): IamRefusal {
  const aws = conn.aws!;
  const who = `${principalOf(conn)}${token.accessKeyId ? ` (access key ${token.accessKeyId})` : ''}`;
  const head = `MSK IAM authentication failed for ${who} at ${broker}${reason ? ` (${reason})` : ''}`;
  const regionSource = conn.sources.region ?? 'the region setting';
  if (token.expiresAt !== undefined && token.signedAt !== undefined && token.expiresAt <= now) {
    const minutes = Math.round((now - token.signedAt) / 60_000);
    return {
      message: `${head}: the token had expired at ${iso(token.expiresAt)}; it was signed at ${iso(token.signedAt)}, ${minutes} minutes ago`,
      fix: 'a token lives at most 15 minutes and no longer than the credentials it is signed with: use credentials that are valid for a while yet '
        + '(renew the session, `aws sso login`), and check that this machine\'s clock is right',
    };
  }
  const cluster = clusterRegion(conn);
  const signedFor = token.region ?? aws.region;
  if (cluster && signedFor !== cluster.region) {
    return {
      message: `${head}: the token is signed for region ${signedFor} (${regionSource}), but ${cluster.source} is in ${cluster.region}`,
      fix: `pass --aws-region ${cluster.region} (or set AWS_REGION=${cluster.region})`,
    };
  }
  const on = aws.clusterArn ? `on ${aws.clusterArn}` : 'on the cluster';
  return {
    message: `${head}. MSK does not say why; the token specmesh sent was signed for region ${signedFor} (${regionSource})`
      + `${token.signedAt !== undefined && token.expiresAt !== undefined ? ` at ${iso(token.signedAt)}, valid until ${iso(token.expiresAt)}` : ''}, so one of these holds: `
      + `the identity's IAM policies do not allow kafka-cluster:Connect ${on}; the secret access key does not belong to the access key, so the signature did not verify; `
      + `${cluster ? '' : `${signedFor} is not the cluster's region; `}this machine's clock is more than 5 minutes off`,
    fix: `run \`aws sts get-caller-identity\` with the same credentials to see the identity, and attach a policy allowing kafka-cluster:Connect ${on} to it `
      + '(`specmesh iam tool-policy --for plan|provision` prints every action specmesh needs); check that IAM access control is on for the cluster',
  };
}
