export {JumpCloudClient, type ClientOptions} from './client.js';
export {JumpCloudError, type JumpCloudErrorKind, type FieldViolation} from './errors.js';
export type {AttemptEvent, RetryClass} from './http.js';
export {regions, isRegion, type Region} from './regions.js';
export type * from './types.js';
