// The purpose taxonomy: dotted ids (`marketing.cross_sell.partner_offers`), a parent covers its children for refusals.
/** One purpose a customer can consent to; `sharing` marks purposes that disclose data to partners (GPC opts out of these). */
export interface PurposeDef {
  id: string;
  title: string;
  description: string;
  sharing: boolean;
}

const PURPOSE_ID = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/;

/** The closed taxonomy (documented in docs/consent.md); add a purpose here and there together. */
export const PURPOSES: readonly PurposeDef[] = [
  {
    id: 'marketing',
    title: 'Marketing with partners',
    description: 'Any use of your data so that partner companies can make you offers.',
    sharing: true,
  },
  {
    id: 'marketing.cross_sell',
    title: 'Cross-selling',
    description:
      "Matching you against partners' customers so one company can offer you the other's products.",
    sharing: true,
  },
  {
    id: 'marketing.cross_sell.partner_offers',
    title: 'Offers from partners',
    description: 'A partner that already knows you may learn that you are also our customer and contact you.',
    sharing: true,
  },
  {
    id: 'marketing.referral',
    title: 'Referrals',
    description:
      'We may contact you with an offer from a partner company, without giving the partner your details.',
    sharing: true,
  },
  {
    id: 'marketing.referral.partner_products',
    title: 'Referral offers for partner products',
    description: 'We contact you ourselves about a named partner product.',
    sharing: true,
  },
  {
    id: 'analytics',
    title: 'Analytics with partners',
    description: 'Counting you in statistics computed together with partners.',
    sharing: true,
  },
  {
    id: 'analytics.audience_overlap',
    title: 'Audience overlap',
    description:
      'Counted (never listed) in overlap figures between our customers and a partner’s, above a minimum group size and with noise.',
    sharing: true,
  },
];

const BY_ID = new Map(PURPOSES.map((p) => [p.id, p]));

export function isPurposeId(value: string): boolean {
  return PURPOSE_ID.test(value);
}

/** True when `id` is in the taxonomy. */
export function isKnownPurpose(id: string): boolean {
  return BY_ID.has(id);
}

export function purposeDef(id: string): PurposeDef | undefined {
  return BY_ID.get(id);
}

/** Strict ancestors of a purpose, nearest last: `a.b.c` → [`a`, `a.b`]. */
export function ancestorsOf(id: string): string[] {
  const parts = id.split('.');
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('.'));
  return out;
}

/** True when `ancestor` is `id` itself or one of its ancestors. */
export function isWithin(id: string, ancestor: string): boolean {
  return id === ancestor || id.startsWith(`${ancestor}.`);
}

/** The purposes a Global Privacy Control signal opts out of: every top-level sharing purpose. */
export function gpcPurposes(): string[] {
  return PURPOSES.filter((p) => p.sharing && !p.id.includes('.')).map((p) => p.id);
}
