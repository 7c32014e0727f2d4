// The charts' pure geometry: area-proportional Venn circles with the right lens, labels that never collide, and
// period labels that are distinct and correct (ISO weeks), so four August weeks no longer all read "26-08".
import { describe, expect, it } from 'vitest';
import {
  collide,
  isoWeek,
  niceTicks,
  overlapArea,
  periodLabel,
  textBox,
  type VennLabel,
  vennLabels,
  vennLayout,
} from '../src/ui/chart-geometry.ts';

describe('Venn geometry', () => {
  const cases: [number, number, number][] = [
    [1000, 1000, 500],
    [5000, 800, 300],
    [120, 9000, 100],
    [2000, 1500, 1],
    [3000, 2500, 2400],
  ];
  it.each(cases)('areas proportional and the lens matches the overlap (%i, %i, %i)', (a, b, ab) => {
    const l = vennLayout(a, b, ab, 78);
    expect(l.proportional).toBe(true);
    const areaA = Math.PI * l.r1 ** 2;
    const areaB = Math.PI * l.r2 ** 2;
    expect(areaA / areaB).toBeCloseTo(a / b, 6);
    const lens = overlapArea(l.r1, l.r2, l.d);
    expect(Math.abs(lens / areaA - ab / a)).toBeLessThan(0.001);
  });

  it('the larger circle gets the full radius; no overlap means apart, full overlap means nested', () => {
    expect(vennLayout(400, 100, 0, 78).r1).toBeCloseTo(78, 9);
    const apart = vennLayout(400, 100, 0, 78);
    expect(apart.d).toBeGreaterThanOrEqual(apart.r1 + apart.r2 - 1e-6);
    const nested = vennLayout(400, 100, 100, 78);
    expect(nested.d).toBeLessThanOrEqual(nested.r1 - nested.r2 + 1e-6);
  });

  it('a suppressed size or overlap is drawn, but flagged as not to scale', () => {
    expect(vennLayout(null, 100, 10, 78).proportional).toBe(false);
    expect(vennLayout(100, 100, null, 78).proportional).toBe(false);
  });

  const noCollisions = (labels: VennLabel[]) => {
    const boxes = labels.map((l) => textBox(l.text, l.x, l.y, l.size, l.anchor));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) expect(collide(boxes[i]!, boxes[j]!)).toBe(false);
  };

  it('labels never collide, also with every count below the threshold', () => {
    const texts = { left: 'below threshold', right: 'below threshold', overlap: 'below threshold' };
    for (const [a, b, ab] of [...cases, [100, 100, 99] as [number, number, number]]) {
      noCollisions(vennLabels(vennLayout(a, b, ab, 78), { x: 220, y: 110 }, texts, 215));
      noCollisions(
        vennLabels(
          vennLayout(a, b, ab, 78),
          { x: 220, y: 110 },
          { left: '1,234', right: '56', overlap: '7' },
          215,
        ),
      );
    }
    noCollisions(vennLabels(vennLayout(null, null, null, 78), { x: 220, y: 110 }, texts, 215));
  });
});

describe('period labels', () => {
  it('four weeks of one month get four distinct, correct ISO week labels', () => {
    const keys = ['2026-08-03', '2026-08-10', '2026-08-17', '2026-08-24'];
    const labels = keys.map((k) => periodLabel('week', k).short);
    expect(labels).toEqual(['W32 ’26', 'W33 ’26', 'W34 ’26', 'W35 ’26']);
    expect(new Set(labels).size).toBe(4);
    expect(periodLabel('week', '2026-08-24').long).toBe('Week 35, 2026 (from 24 Aug 2026)');
  });

  it('ISO week years: 29 Dec 2025 is week 1 of 2026; 1 Jan 2021 is week 53 of 2020', () => {
    expect(isoWeek(new Date('2025-12-29T00:00:00Z'))).toEqual({ year: 2026, week: 1 });
    expect(isoWeek(new Date('2021-01-01T00:00:00Z'))).toEqual({ year: 2020, week: 53 });
    expect(periodLabel('week', '2025-12-29').short).toBe('W1 ’26');
  });

  it('months, quarters and years', () => {
    expect(periodLabel('month', '2026-08-01')).toEqual({ short: 'Aug ’26', long: 'Aug 2026' });
    expect(periodLabel('quarter', '2026-07-01').short).toBe('Q3 ’26');
    expect(periodLabel('year', '2026-01-01').short).toBe('2026');
  });
});

describe('axis ticks', () => {
  it('round steps from 0 past the maximum', () => {
    expect(niceTicks(950, 4)).toEqual([0, 250, 500, 750, 1000]);
    expect(niceTicks(3, 4)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});
