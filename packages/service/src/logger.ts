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
  'req.headers.authorization',
  'req.headers.cookie',
];

export function createLogger(service: string, level = 'info'): Logger {
  return pino({ name: service, level, redact: { paths: REDACT, censor: '[redacted]' } });
}

/** A logger that writes nothing, for tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
