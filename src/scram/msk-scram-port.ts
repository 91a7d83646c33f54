/** One secret MSK did not (dis)associate, as MSK reports it inside a 200 reply. */
export interface UnprocessedScramSecret {
  secretArn: string;
  errorCode: string;
  errorMessage: string;
}

/** What DescribeClusterV2 says about a cluster that matters for SCRAM. */
export interface MskClusterInfo {
  state: string;
  /** `PROVISIONED` or `SERVERLESS` (which has no SASL/SCRAM). */
  clusterType: string;
  scramEnabled: boolean;
}

/** The MSK control-plane calls of the SCRAM emitter. Batches hold at most 10 ARNs (MSK's limit). */
export interface MskScramPort {
  /** `undefined` when the cluster does not exist. */
  describeCluster(clusterArn: string): Promise<MskClusterInfo | undefined>;
  /** Every secret ARN associated with the cluster (all pages). */
  listScramSecrets(clusterArn: string): Promise<string[]>;
  batchAssociateScramSecret(clusterArn: string, secretArns: readonly string[]): Promise<UnprocessedScramSecret[]>;
  batchDisassociateScramSecret(clusterArn: string, secretArns: readonly string[]): Promise<UnprocessedScramSecret[]>;
}

/** MSK's own limits for SASL/SCRAM. */
export const MSK_MAX_SECRETS_PER_CALL = 10;
export const MSK_MAX_SCRAM_USERS = 1000;
