// Refuses raw input that no schema means to accept, before any procedure sees it: a NUL (Postgres text cannot
// hold it), a lone UTF-16 surrogate (not encodable as UTF-8: it would be stored as U+FFFD), absurd nesting.
import { ConcordError } from '@concord/protocol/errors';

/** Deeper than any procedure's input (segment rules nest a few levels); deeper input is an attack, not data. */
export const MAX_INPUT_DEPTH = 32;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function badString(s: string): string | undefined {
  if (s.includes('\0')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(s)) return 'contains an unpaired UTF-16 surrogate';
  return undefined;
}

/** Walks the value without recursion (so hostile depth cannot overflow the stack); throws BAD_INPUT. */
export function screenInput(input: unknown): void {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value: input, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (typeof value === 'string') {
      const reason = badString(value);
      if (reason) throw new ConcordError('BAD_INPUT', `${path || 'input'} ${reason}`, { path });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) {
      throw new ConcordError('BAD_INPUT', `input nests deeper than ${MAX_INPUT_DEPTH} levels`);
    }
    for (const [key, child] of Object.entries(value)) {
      const reason = badString(key);
      if (reason) throw new ConcordError('BAD_INPUT', `a field name ${reason}`);
      stack.push({ value: child, depth: depth + 1, path: path ? `${path}.${key}` : key });
    }
  }
}
