/** The sandbox: a simulated JumpCloud on 127.0.0.1 for tests, demos and benchmarks. */
export {startSandbox, type RecordedRequest, type Sandbox, type SandboxOptions, type SandboxStats} from './server.js';
export {errorStyles, parseErrorStyle, parseFaults, type ErrorStyle, type Faults, type Knobs} from './knobs.js';
export {Directory, uniqueFields, type DirectoryUser, type OutboxEmail, type SudoAttributes, type UniqueField} from './directory.js';
export {maxSeededUsers} from './seed.js';
export type {ErrorBody, FieldViolation} from './errors.js';
