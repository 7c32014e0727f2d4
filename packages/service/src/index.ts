// Public surface of @concord/service: what every Concord HTTP service shares.

export { capStream, closeAfterReply, declaredLength, decodeUtf8, readBodyCapped, tooLarge } from './body.ts';
export {
  type DatabaseServiceOptions,
  readSettings,
  type SettingSources,
  serviceSources,
  startDatabaseService,
  trpcHandler,
} from './boot.ts';
export {
  bearerToken,
  cookieNameFor,
  type Headers,
  headerValue,
  httpOnlyCookie,
  readCookie,
} from './cookies.ts';
export { describeStartupFailure, runMain, StartupError } from './fatal.ts';
export {
  type Handler,
  type HttpServiceOptions,
  onShutdownSignal,
  type Route,
  type RunningService,
  sendError,
  sendJson,
  startHttpService,
} from './http.ts';
export { createLogger, type Logger, silentLogger } from './logger.ts';
export { streamNdjson } from './ndjson.ts';
export { staticFiles } from './static.ts';
