// Purpose masks: purpose i of a collaboration is bit i of an int4 mask — on the node, on the wire and in the
// clean room. The TypeScript and SQL forms live together so they cannot drift apart.
import { type RawBuilder, sql } from 'kysely';

/** An int4 holds 32 bits; bit 31 is the sign bit, which both forms treat alike. */
export const MAX_PURPOSES = 32;

function assertIndex(index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_PURPOSES)
    throw new RangeError(`purpose index must be an integer in [0, ${MAX_PURPOSES}), got ${index}`);
}

/** The bit of the purpose at zero-based `index` in a collaboration's purpose list, as a signed int4. */
export function purposeBit(index: number): number {
  assertIndex(index);
  return (1 << index) | 0;
}

/** The mask holding exactly the purposes at these zero-based indices. */
export function maskOf(indices: Iterable<number>): number {
  let mask = 0;
  for (const i of indices) mask |= purposeBit(i);
  return mask | 0;
}

export function hasPurpose(mask: number, index: number): boolean {
  return (mask & purposeBit(index)) !== 0;
}

/**
 * SQL form of `purposeBit` for a zero-based index expression (e.g. `sql\`x.i::int - 1\`` over an ordinality).
 * Postgres' int4 `<<` wraps like JavaScript's, so both give the same value for every index.
 */
export function purposeBitSql(zeroBasedIndex: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`(1::int4 << (${zeroBasedIndex})::int4)`;
}
