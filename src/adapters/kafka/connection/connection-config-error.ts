export { ConnectionConfigError } from '../../../core/errors.js';
