/** What the iam emitter needs besides the specs. */
export interface IamOptions {
  /** `arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>`. */
  clusterArn: string;
  /** Role ARN with `{domain}`, e.g. `arn:aws:iam::123456789012:role/specmesh-{domain}`. */
  roleTemplate?: string;
  /** Domain → role ARN; wins over the template. */
  roleMapping?: Record<string, string>;
  /**
   * The template names one role for every domain (no `{domain}` in it), and that is meant: each
   * domain's policy then goes to that role, which gets every domain's access. Without this, such a
   * template is an error.
   */
  sharedRole?: boolean;
  /** Accept a cluster ARN in a region this release does not know (AWS opened it since). */
  allowUnknownRegions?: boolean;
  /** Grant DescribeTopic/ReadData on `…/*._public.*` instead of only the declared consumed public topics. */
  widenPublicReads?: boolean;
  /**
   * An MSK Serverless cluster. It lacks the cluster dynamic-configuration actions; no policy here
   * uses them, so the output is the same, and a check makes sure it stays so.
   */
  serverless?: boolean;
  /**
   * Domains known to exist beyond the specs given (seen on the cluster): a parent domain is denied
   * its nested domains' groups and transactional ids also when their specs are not in the input.
   */
  estate?: readonly string[];
}
