// Structured logs (pino) with the fields that may hold secrets or personal data redacted at the source.
import pino, { type Logger } from 'pino';

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
  // Postgres errors carry the offending values, e.g. `Key (email)=(ada@example.com) already exists.`
  'err.detail',
  'err.cause.detail',
  'err.where',
];

export function createLogger(service: string, level = 'info', destination?: pino.DestinationStream): Logger {
  return pino({ name: service, level, redact: { paths: REDACT, censor: '[redacted]' } }, destination);
}

/** A logger that writes nothing, for tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
