// Marks the moment the console is usable (no skeletons, nothing fetching) so the load bench can read it.
import type { QueryClient } from '@tanstack/react-query';

export const INTERACTIVE_MARK = 'concord:interactive';
let marked = false;

/** Watches frames until the screen has settled, then records a performance mark once per page load. */
export function markInteractiveWhenSettled(queryClient: QueryClient) {
  if (marked) return () => {};
  let frame = 0;
  const check = () => {
    const busy = document.querySelector('[aria-busy="true"]') !== null;
    if (!busy && queryClient.isFetching() === 0) {
      marked = true;
      performance.mark(INTERACTIVE_MARK);
      return;
    }
    frame = requestAnimationFrame(check);
  };
  frame = requestAnimationFrame(check);
  return () => cancelAnimationFrame(frame);
}
