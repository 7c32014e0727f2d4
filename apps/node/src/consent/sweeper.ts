// Runs the consent expiry sweep on a timer inside the node process (lapsed consents leave publications), and
// completes privacy requests whose person every publication and list has dropped.
import type { Logger } from '@concord/service';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { settlePrivacyRequests } from '../privacy/carry-out.ts';
import { sweepExpiredConsents } from './sweep.ts';

export interface ConsentSweeper {
  stop(): Promise<void>;
}

/** Sweeps once at start, then every `intervalMs` (default 1 minute); errors are logged, never fatal. */
export function startConsentSweeper(
  db: Kysely<Database>,
  logger: Logger,
  intervalMs = 60_000,
): ConsentSweeper {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = sweepExpiredConsents({ db, now: () => new Date() })
      .then(({ expired }) => {
        if (expired > 0) logger.info({ expired }, 'expired consents swept');
      })
      // Privacy requests waiting for their withdrawal/erasure to reach every publication and list.
      .then(() => settlePrivacyRequests({ db, now: () => new Date() }))
      .then(
        ({ completed }) => {
          if (completed > 0) logger.info({ completed }, 'privacy requests completed');
        },
        (err) => logger.error({ err }, 'consent sweep failed'),
      );
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
