// The demo federation: one clean room and three partner companies in related industries.
export interface PartnerSpec {
  /** Short key used for file names and database names. */
  key: 'bank' | 'insurer' | 'dealer';
  name: string;
  industry: 'bank' | 'insurance' | 'automotive';
  port: number;
  /** Default phone region of the node (national numbers of customers without a country); override per run with
   * `pnpm start --region bank=US` or CONCORD_BANK_REGION. */
  region: string;
}

export const CLEANROOM_PORT = 4000;

export const PARTNERS: PartnerSpec[] = [
  { key: 'bank', name: 'Northwind Bank', industry: 'bank', port: 4101, region: 'DE' },
  { key: 'insurer', name: 'Harbor Insurance', industry: 'insurance', port: 4102, region: 'AT' },
  { key: 'dealer', name: 'Autohaus Meyer', industry: 'automotive', port: 4103, region: 'CH' },
];

/** Demo users the seed creates on every node (role → e-mail local part); all share DEMO_PASSWORD. */
export const DEMO_ROLES = ['admin', 'compliance', 'marketer'] as const;
export const DEMO_PASSWORD = 'concord-demo';

export function demoEmail(role: string, partner: PartnerSpec): string {
  return `${role}@${partner.key}.example`;
}

/**
 * The region each partner's node runs with: `--region key=XX[,key=XX]` beats CONCORD_<KEY>_REGION beats the
 * topology default. Throws on a malformed value (the node would refuse it anyway, later and less clearly).
 */
export function partnerRegions(flag: string | undefined, env: NodeJS.ProcessEnv): Record<string, string> {
  const fromFlag = new Map(
    (flag ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => pair.split('=').map((x) => x.trim()) as [string, string]),
  );
  const out: Record<string, string> = {};
  for (const p of PARTNERS) {
    const region = (
      fromFlag.get(p.key) ??
      env[`CONCORD_${p.key.toUpperCase()}_REGION`] ??
      p.region
    ).toUpperCase();
    if (!/^[A-Z]{2}$/.test(region))
      throw new Error(`region for ${p.key} must be ISO 3166-1 alpha-2, got "${region}"`);
    out[p.key] = region;
  }
  return out;
}
