export { awsClientConfig, DEFAULT_MAX_ATTEMPTS, type AwsOptions, type AwsClientConfig } from './aws-options.js';
export { AwsError } from './aws-error.js';
export { classifyAwsError, type AwsCallSite } from './classify-aws-error.js';
export { callAws, callAwsOrMissing } from './call-aws.js';
