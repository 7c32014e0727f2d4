// Runs the consent expiry sweep on a timer inside the node process (lapsed consents leave publications), and
// completes privacy requests whose person every publication and list has dropped.
import type { Deps } from '../deps.ts';
import { settlePrivacyRequests } from '../privacy/carry-out.ts';
import { sweepExpiredConsents } from './sweep.ts';

export interface ConsentSweeper {
  stop(): Promise<void>;
}

/** Sweeps once at start, then every `intervalMs` (default 1 minute); errors are logged, never fatal. */
export function startConsentSweeper(deps: Deps, input: { intervalMs?: number } = {}): ConsentSweeper {
  const { logger } = deps;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = sweepExpiredConsents(deps)
      .then(({ expired }) => {
        if (expired > 0) logger.info({ expired }, 'expired consents swept');
      })
      // Privacy requests waiting for their withdrawal/erasure to reach every publication and list.
      .then(() => settlePrivacyRequests(deps))
      .then(
        ({ completed }) => {
          if (completed > 0) logger.info({ completed }, 'privacy requests completed');
        },
        (err) => logger.error({ err }, 'consent sweep failed'),
      );
  };
  tick();
  const timer = setInterval(tick, input.intervalMs ?? 60_000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
