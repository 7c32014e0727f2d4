import { createTestDatabase } from '@concord/db/testing';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasPurpose, MAX_PURPOSES, maskOf, purposeBit, purposeBitSql } from '../src/purpose-mask.ts';

describe('purpose masks: TypeScript form', () => {
  it('bit i is 2^i as a signed int4, bit 31 being the sign bit', () => {
    expect(purposeBit(0)).toBe(1);
    expect(purposeBit(5)).toBe(32);
    expect(purposeBit(31)).toBe(-2147483648);
  });

  it('refuses indices outside one int4', () => {
    expect(() => purposeBit(32)).toThrow(RangeError);
    expect(() => purposeBit(-1)).toThrow(RangeError);
    expect(() => purposeBit(1.5)).toThrow(RangeError);
  });

  it('maskOf and hasPurpose agree for any set of indices', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: MAX_PURPOSES - 1 }), { maxLength: 32 }),
        (indices) => {
          const mask = maskOf(indices);
          for (let i = 0; i < MAX_PURPOSES; i++) expect(hasPurpose(mask, i)).toBe(indices.includes(i));
        },
      ),
    );
  });
});

describe('purpose masks: the SQL form agrees with the TypeScript form', () => {
  let handle: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    handle = await createTestDatabase('purpose_mask', {});
  });
  afterAll(async () => {
    await handle.destroy();
  });

  it('for every index 0..31', async () => {
    const { rows } = await sql<{ i: number; bit: number }>`
      select i, ${purposeBitSql(sql`i`)} as bit from generate_series(0, 31) as g(i) order by i`.execute(
      handle.db,
    );
    expect(rows).toHaveLength(MAX_PURPOSES);
    for (const r of rows) expect(Number(r.bit)).toBe(purposeBit(Number(r.i)));
  });

  it('for a one-based ordinality, as the withdrawal sender uses it', async () => {
    const masks = [0, 1, 5, -2147483648, 0x7fffffff, -1, 0x55555555];
    const { rows } = await sql<{ mask: number; i: number; hit: boolean }>`
      select m.mask, x.i::int - 1 as i, (m.mask & ${purposeBitSql(sql`x.i::int - 1`)}) <> 0 as hit
      from unnest(${masks}::int4[]) as m(mask)
      cross join generate_series(1, 32) with ordinality as x(v, i)`.execute(handle.db);
    expect(rows).toHaveLength(masks.length * MAX_PURPOSES);
    for (const r of rows) expect(r.hit).toBe(hasPurpose(Number(r.mask), Number(r.i)));
  });
});
