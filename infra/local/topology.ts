// The demo federation: one clean room and three partner companies in related industries.
export interface PartnerSpec {
  /** Short key used for file names and database names. */
  key: 'bank' | 'insurer' | 'dealer';
  name: string;
  industry: 'bank' | 'insurance' | 'automotive';
  port: number;
  region: string;
}

export const CLEANROOM_PORT = 4000;

export const PARTNERS: PartnerSpec[] = [
  { key: 'bank', name: 'Northwind Bank', industry: 'bank', port: 4101, region: 'DE' },
  { key: 'insurer', name: 'Harbor Insurance', industry: 'insurance', port: 4102, region: 'DE' },
  { key: 'dealer', name: 'Autohaus Meyer', industry: 'automotive', port: 4103, region: 'DE' },
];

/** Demo users the seed creates on every node (role → e-mail local part); all share DEMO_PASSWORD. */
export const DEMO_ROLES = ['admin', 'compliance', 'marketer'] as const;
export const DEMO_PASSWORD = 'concord-demo';

export function demoEmail(role: string, partner: PartnerSpec): string {
  return `${role}@${partner.key}.example`;
}
