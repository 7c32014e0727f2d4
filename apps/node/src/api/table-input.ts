// The paging and sorting part every console table procedure accepts: whitelisted sort columns, bounded page sizes.
import { z } from 'zod';

export const PAGE_SIZES = [10, 25, 50, 100] as const;

/** `page` is 1-based; a page past the end answers the last page (the console shows what `page` it got). */
export function tableInput<const C extends readonly [string, ...string[]]>(
  columns: C,
  defaultSort: C[number],
) {
  return z.object({
    page: z.number().int().min(1).max(1_000_000).default(1),
    pageSize: z
      .number()
      .int()
      .refine((n) => (PAGE_SIZES as readonly number[]).includes(n), {
        message: `page size must be one of ${PAGE_SIZES.join(', ')}`,
      })
      .default(25),
    sort: z.enum(columns).default(defaultSort),
    dir: z.enum(['asc', 'desc']).default('asc'),
  });
}
