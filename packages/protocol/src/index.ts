// Public surface of @concord/protocol: the versioned node <-> clean room contract.
// Deeper entry points: `./batch` (binary batch format), `./client` (typed HTTP client), `./contract/<area>` (zod schemas).
export { ConcordError, ERROR_CODES, type ErrorCode, httpStatusOf, isErrorCode } from './errors.ts';
export { PROTOCOL_VERSION } from './version.ts';
