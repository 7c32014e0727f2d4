// Structured logs (pino) with the fields that may hold secrets or personal data redacted at the source.
import pino, { type Logger } from 'pino';
import { safeError } from './log-errors.ts';

export type { Logger };

const REDACT = [
  'password',
  '*.password',
  'credential',
  '*.credential',
  'secret',
  '*.secret',
  'email',
  '*.email',
  'phone',
  '*.phone',
  'token',
  '*.token',
  'req.headers.authorization',
  'req.headers.cookie',
];

export function createLogger(service: string, level = 'info', destination?: pino.DestinationStream): Logger {
  // Errors go through one allow-list serializer (codes, schema names, frames, scrubbed message): Postgres and
  // PGlite errors carry request values in detail/where/hint/params/query, which a deny-list kept missing.
  return pino(
    {
      name: service,
      level,
      redact: { paths: REDACT, censor: '[redacted]' },
      serializers: { err: safeError, error: safeError },
    },
    destination,
  );
}

/** A logger that writes nothing, for tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
