// In-memory guards in front of password checks: a per-source attempt budget (token bucket per client address)
// and a cap on hashes computed at once with a short queue. Both refuse cheaply, before any hashing or query.
import { ConcordError } from '@concord/protocol/errors';

export interface LoginGuardOptions {
  /** Password hashes computed at once (each occupies a thread-pool thread and a core). */
  concurrency: number;
  /** Sign-ins allowed to wait for a hashing slot; beyond this they are refused at once. */
  queue: number;
  /** Attempts one address may make in a burst, and how many it regains per minute. */
  perSource: { burst: number; perMinute: number };
}

export const DEFAULT_LOGIN_GUARD: LoginGuardOptions = {
  concurrency: 2,
  queue: 16,
  perSource: { burst: 30, perMinute: 30 },
};

/** Above this many tracked addresses, full buckets (idle sources) are forgotten. */
const MAX_TRACKED_SOURCES = 10_000;

export interface LoginGuard {
  /** Takes one attempt from the source's budget at `now` (ms, the caller's clock); RATE_LIMITED when it is spent. */
  admit(source: string, now: number): void;
  /** Refuses at once when every slot and queue place is taken, before the caller spends queries on a login. */
  checkCapacity(): void;
  /** Runs a password check in a hashing slot; RATE_LIMITED ("busy") when the queue is full. */
  hashing<T>(work: () => Promise<T>): Promise<T>;
}

export function createLoginGuard(options: LoginGuardOptions = DEFAULT_LOGIN_GUARD): LoginGuard {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const waiting: Array<() => void> = [];
  let active = 0;
  const { burst, perMinute } = options.perSource;

  const admit = (source: string, now: number) => {
    const bucket = buckets.get(source) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 60_000) * perMinute);
    bucket.at = now;
    if (bucket.tokens < 1) {
      const seconds = Math.ceil(((1 - bucket.tokens) / perMinute) * 60);
      throw new ConcordError(
        'RATE_LIMITED',
        `too many sign-in attempts from your address; try again in ${seconds} s`,
        {
          retryAfterSeconds: seconds,
        },
      );
    }
    bucket.tokens -= 1;
    if (buckets.size >= MAX_TRACKED_SOURCES) {
      for (const [key, b] of buckets)
        if (b.tokens + ((now - b.at) / 60_000) * perMinute >= burst) buckets.delete(key);
    }
    buckets.set(source, bucket);
  };

  const busy = () =>
    new ConcordError('RATE_LIMITED', 'sign-in is busy; try again in a few seconds', { retryAfterSeconds: 5 });
  const checkCapacity = () => {
    if (active >= options.concurrency && waiting.length >= options.queue) throw busy();
  };

  const hashing = async <T>(work: () => Promise<T>): Promise<T> => {
    if (active >= options.concurrency) {
      if (waiting.length >= options.queue) throw busy();
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else active += 1;
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next waiter (active stays the same), or free it.
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };

  return { admit, checkCapacity, hashing };
}
