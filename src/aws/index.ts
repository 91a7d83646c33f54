export { AwsError } from './aws-error.js';
export { classifyAwsError, type AwsCallSite } from './classify-aws-error.js';
