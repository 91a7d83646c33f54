export { awsClientConfig, DEFAULT_MAX_ATTEMPTS, type AwsOptions, type AwsClientConfig } from './aws-options.js';
export { callAws, callAwsOrMissing } from './call-aws.js';
