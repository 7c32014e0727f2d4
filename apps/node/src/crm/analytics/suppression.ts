// Small-cell suppression for aggregates: no cell under k customers is shown, and a lone suppressed cell in a row or
// column takes the smallest other cell with it, so it cannot be recovered by subtracting from a known total.
export interface Countable {
  row: string;
  col: string;
  customers: number;
}

export type SuppressionReason = 'below_k' | 'complementary';

/** Returns the reason per suppressed cell index. */
export function suppress(cells: readonly Countable[], k: number): Map<number, SuppressionReason> {
  const out = new Map<number, SuppressionReason>();
  cells.forEach((c, i) => {
    if (c.customers < k) out.set(i, 'below_k');
  });
  // Lines: every row and every column. Repeat until no line has exactly one suppressed cell among several.
  const lines = new Map<string, number[]>();
  cells.forEach((c, i) => {
    for (const key of [`r\u0000${c.row}`, `c\u0000${c.col}`]) lines.set(key, [...(lines.get(key) ?? []), i]);
  });
  let changed = out.size > 0;
  while (changed) {
    changed = false;
    for (const members of lines.values()) {
      if (members.length < 2) continue;
      const hidden = members.filter((i) => out.has(i));
      if (hidden.length !== 1) continue;
      const next = members
        .filter((i) => !out.has(i))
        .sort((a, b) => cells[a]!.customers - cells[b]!.customers || a - b)[0]!;
      out.set(next, 'complementary');
      changed = true;
    }
  }
  return out;
}

export function reasonText(reason: SuppressionReason, k: number): string {
  return reason === 'below_k'
    ? `fewer than ${k} customers`
    : `hidden so that a neighbouring cell under ${k} customers cannot be derived`;
}
