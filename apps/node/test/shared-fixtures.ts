// Fixtures the node's tests share with other workspaces' tests (through `@concord/node/testing`), so the same
// setting is written once: one node's settings, one loyalty programme shape.

/** One node's settings as both `concord node init` (apps/cli) and the node's own loader (test/config.test.ts) see them. */
export const ACME_RETAIL = {
  name: 'Acme Retail',
  industry: 'retail',
  defaultRegion: 'FR',
  cleanroomUrl: 'https://cleanroom.example',
  host: '0.0.0.0',
  port: 4100,
} as const;

/** A two-tier loyalty programme (Silver at 100 points, Gold at `goldThreshold`), points kept 24 months. */
export function loyaltyProgramme(o: {
  pointsPerUnit: number;
  multipliers: Record<string, number>;
  goldThreshold: number;
}) {
  return {
    pointsPerUnit: o.pointsPerUnit,
    expiryMonths: 24,
    qualifyingMonths: 12,
    multipliers: o.multipliers,
    tiers: [
      { key: 'silver', name: 'Silver', threshold: 100 },
      { key: 'gold', name: 'Gold', threshold: o.goldThreshold },
    ],
  };
}
