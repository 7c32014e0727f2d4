// The people of the bank × insurer federation tests: who overlaps, by which identifier, and who consented.
import type { Person } from './seed.ts';

export const PURPOSE_CROSS_SELL = 'marketing.cross_sell.partner_offers';
export const PURPOSE_REFERRAL = 'marketing.referral.partner_products';

const email = (i: number) => `person${i}@example.com`;
const phone = (i: number) => `+49151${String(20_000_000 + i)}`;

/** Insurer: persons 1..30; 12, 13 never consented, 14 withdrew before publishing; 30 lives in AT (not in segment). */
export function insurerPeople(): Person[] {
  return Array.from({ length: 30 }, (_, k) => {
    const i = k + 1;
    return {
      externalId: `INS-${i}`,
      emails: [email(i)],
      phones: [phone(i)],
      country: i === 30 ? 'AT' : 'DE',
      consent: i === 12 || i === 13 ? 'none' : i === 14 ? 'withdrawn' : 'given',
    };
  });
}

/** Bank: persons 11..40; 15, 16 refused; 21..25 known to the bank under another e-mail (match by phone only). */
export function bankPeople(): Person[] {
  return Array.from({ length: 30 }, (_, k) => {
    const i = k + 11;
    const phoneOnly = i >= 21 && i <= 25;
    return {
      externalId: `BNK-${i}`,
      emails: [phoneOnly ? `p${i}@bank-only.example` : email(i).toUpperCase()],
      phones: [phone(i).replace('+49', '0')],
      consent: i === 15 || i === 16 ? 'refused' : 'given',
    };
  });
}
