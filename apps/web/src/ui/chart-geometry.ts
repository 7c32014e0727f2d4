// Pure geometry and labelling for the charts (tested in test/chart-geometry.test.ts): area-proportional Venn
// circles, label boxes that do not collide, axis ticks, and distinct period labels (ISO weeks).

/** Area of the lens where two circles of radii r1, r2 at centre distance d overlap. */
export function overlapArea(r1: number, r2: number, d: number): number {
  if (d >= r1 + r2) return 0;
  if (d <= Math.abs(r1 - r2)) return Math.PI * Math.min(r1, r2) ** 2;
  const a = r1 * r1 * Math.acos((d * d + r1 * r1 - r2 * r2) / (2 * d * r1));
  const b = r2 * r2 * Math.acos((d * d + r2 * r2 - r1 * r1) / (2 * d * r2));
  const c = 0.5 * Math.sqrt((-d + r1 + r2) * (d + r1 - r2) * (d - r1 + r2) * (d + r1 + r2));
  return a + b - c;
}

export interface VennLayout {
  r1: number;
  r2: number;
  /** Distance between the centres. */
  d: number;
  /** False when a size is suppressed: the picture then only says "two sets, some overlap". */
  proportional: boolean;
}

/**
 * Radii so that circle areas are proportional to the set sizes (the larger gets `maxR`), and the centre distance
 * solved (by bisection; the lens area falls monotonically with distance) so the lens area is proportional to the
 * overlap. Suppressed (null) sizes get fixed, clearly not-to-scale circles.
 */
export function vennLayout(a: number | null, b: number | null, ab: number | null, maxR: number): VennLayout {
  if (a === null || b === null || a <= 0 || b <= 0) {
    const r = maxR * 0.75;
    return { r1: r, r2: r, d: r * 1.3, proportional: false };
  }
  const scale = (Math.PI * maxR * maxR) / Math.max(a, b);
  const r1 = Math.sqrt((a * scale) / Math.PI);
  const r2 = Math.sqrt((b * scale) / Math.PI);
  if (ab === null) return { r1, r2, d: (r1 + r2) * 0.85, proportional: false };
  const target = Math.min(ab, a, b) * scale;
  let lo = Math.abs(r1 - r2);
  let hi = r1 + r2;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (overlapArea(r1, r2, mid) > target) lo = mid;
    else hi = mid;
  }
  return { r1, r2, d: (lo + hi) / 2, proportional: true };
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** An approximate text box centred on (x, baseline y) for a label of `text` at `size` px. */
export function textBox(
  text: string,
  x: number,
  y: number,
  size: number,
  anchor: 'middle' | 'start' | 'end',
): Box {
  const w = text.length * size * 0.6;
  const left = anchor === 'middle' ? x - w / 2 : anchor === 'end' ? x - w : x;
  return { x: left, y: y - size, w, h: size * 1.25 };
}

export function collide(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export interface VennLabel {
  text: string;
  x: number;
  y: number;
  size: number;
  anchor: 'middle' | 'start' | 'end';
  /** A leader line from the label to the lens, when the label had to move out of it. */
  leader?: { x: number; y: number } | undefined;
}

/**
 * Places the three counts (left only, right only, overlap) in their regions; when a count does not fit (the lens is
 * narrow, or a suppressed "below threshold" is long) it moves below the circles with a leader line, so no two labels
 * ever overlap. `below` is the first free baseline under the circles.
 */
export function vennLabels(
  layout: VennLayout,
  centre: { x: number; y: number },
  texts: { left: string; right: string; overlap: string },
  below: number,
): VennLabel[] {
  const xl = centre.x - layout.d / 2;
  const xr = centre.x + layout.d / 2;
  const lensL = Math.max(xr - layout.r2, xl - layout.r1);
  const lensR = Math.min(xl + layout.r1, xr + layout.r2);
  const leftX = (xl - layout.r1 + Math.max(lensL, xl - layout.r1)) / 2;
  const rightX = (Math.min(lensR, xr + layout.r2) + xr + layout.r2) / 2;
  const y = centre.y + 5;
  const left: VennLabel = { text: texts.left, x: leftX, y, size: 14, anchor: 'middle' };
  const right: VennLabel = { text: texts.right, x: rightX, y, size: 14, anchor: 'middle' };
  const lens = (lensL + lensR) / 2;
  let overlap: VennLabel = { text: texts.overlap, x: lens, y, size: 16, anchor: 'middle' };
  const box = (l: VennLabel) => textBox(l.text, l.x, l.y, l.size, l.anchor);
  const fitsLens = box(overlap).w <= Math.max(0, lensR - lensL) - 4;
  if (!fitsLens || collide(box(overlap), box(left)) || collide(box(overlap), box(right)))
    overlap = { ...overlap, y: below, size: 13, leader: { x: lens, y: centre.y + 10 } };
  // Side counts squeezed by a wide lens move above their circle's top edge, outwards from the centre.
  const out: VennLabel[] = [left, right];
  if (collide(box(left), box(right))) {
    out[0] = { ...left, x: xl, y: centre.y - layout.r1 - 6, anchor: 'end' };
    out[1] = { ...right, x: xr, y: centre.y - layout.r2 - 6, anchor: 'start' };
  }
  return [...out, overlap];
}

/** Round tick values from 0 to at least `max` (about `count` of them): 0, 250, 500, … */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ISO 8601 week of a UTC date: the week with the year's first Thursday is week 1. */
export function isoWeek(date: Date): { year: number; week: number } {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const start = Date.UTC(d.getUTCFullYear(), 0, 1);
  return { year: d.getUTCFullYear(), week: Math.ceil(((d.getTime() - start) / 86_400_000 + 1) / 7) };
}

/**
 * The axis label and the tooltip of one period bucket (`key` = the period's first day, YYYY-MM-DD, as the node
 * returns it). Weeks read "W35" on the axis — distinct for every week — and "Week 35, 2026 (from 24 Aug)" in full.
 */
export function periodLabel(period: string, key: string): { short: string; long: string } {
  const d = new Date(`${key.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return { short: key, long: key };
  const day = d.getUTCDate();
  const mon = MONTHS[d.getUTCMonth()]!;
  const year = d.getUTCFullYear();
  const yy = `’${String(year).slice(2)}`;
  switch (period) {
    case 'day':
      return { short: `${day} ${mon}`, long: `${day} ${mon} ${year}` };
    case 'week': {
      const w = isoWeek(d);
      return {
        short: `W${w.week} ’${String(w.year).slice(2)}`,
        long: `Week ${w.week}, ${w.year} (from ${day} ${mon} ${year})`,
      };
    }
    case 'month':
      return { short: `${mon} ${yy}`, long: `${mon} ${year}` };
    case 'quarter': {
      const q = Math.floor(d.getUTCMonth() / 3) + 1;
      return { short: `Q${q} ${yy}`, long: `Quarter ${q}, ${year}` };
    }
    default:
      return { short: String(year), long: String(year) };
  }
}
