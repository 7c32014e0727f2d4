// In-process wake-up for the withdrawal sender: enqueueWithdrawal rings, every running sender polls at once.
type Listener = () => void;
const listeners = new Set<Listener>();

/** Registers a sender's wake-up; returns the unsubscribe function. */
export function onWithdrawalEnqueued(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Called after an enqueue; the listener decides when to look (the enqueuing transaction may not have committed yet). */
export function ringWithdrawalSenders(): void {
  for (const listener of listeners) listener();
}
