// Test data for the deployment test: two companies' customer and consent CSVs over an overlapping population,
// varied the way real files vary (letter case and spaces in emails, national vs international phones, people
// known by phone only, another country, refusals, a withdrawal, no consent at all, a malformed email, a broken
// row), with the expected cross-sell list computed here from those rules — independently of the code under test.
export const PURPOSE = 'marketing.cross_sell.partner_offers';

type Key = 'bank' | 'insurer';

export interface CompanyData {
  key: Key;
  customersCsv: string;
  consentsCsv: string;
  rejectedCustomerRows: number;
  warnedCustomerRows: number;
  /** Person numbers whose records the company may publish (segment "country = DE" and consent given). */
  eligible: number[];
  externalId: (person: number) => string;
}

const RANGE: Record<Key, [number, number]> = { bank: [0, 29], insurer: [10, 39] };
const PARTNER_INDUSTRY: Record<Key, string> = { bank: 'insurance', insurer: 'bank' };

const email = (i: number) => `person${i}@mail.example`;
const mobile = (i: number) => `1511${2000000 + i}`;

function bankRow(i: number): { email: string; phone: string; country: string } {
  return {
    // Some addresses as people type them: capitals and stray spaces (quoted in the CSV).
    email: i % 9 === 4 ? ` Person${i}@Mail.Example ` : email(i),
    phone: `+49 ${mobile(i)}`,
    country: i % 10 === 7 ? 'AT' : 'DE',
  };
}

function insurerRow(i: number): { email: string; phone: string; country: string } {
  // Every fifth person is known to the insurer by phone only, written nationally (default region DE).
  if (i % 5 === 0) return { email: '', phone: `0${mobile(i)}`, country: 'DE' };
  return { email: email(i), phone: i % 4 === 2 ? `+49${mobile(i)}` : '', country: 'DE' };
}

type Consent = 'given' | 'refused' | 'withdrawn' | 'none';

function consentOf(key: Key, i: number): Consent {
  if (key === 'bank') return i % 11 === 5 ? 'none' : i % 7 === 3 ? 'refused' : 'given';
  if (i === 22) return 'withdrawn';
  return i % 6 === 1 ? 'refused' : 'given';
}

const quote = (v: string) => (/[\s,"]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

export function buildCompany(key: Key): CompanyData {
  const [from, to] = RANGE[key];
  const prefix = key === 'bank' ? 'BNK' : 'INS';
  const externalId = (i: number) => `${prefix}-${i}`;
  const customers = ['external_id,first_name,last_name,country,email,phone'];
  const consents = ['customer_external_id,purpose,state,captured_at,recipient_industries'];
  const eligible: number[] = [];
  for (let i = from; i <= to; i++) {
    const row = key === 'bank' ? bankRow(i) : insurerRow(i);
    customers.push(
      [externalId(i), `First${i}`, `Last${i}`, row.country, row.email, row.phone].map(quote).join(','),
    );
    const consent = consentOf(key, i);
    const industry = PARTNER_INDUSTRY[key];
    if (consent !== 'none') {
      const first = consent === 'refused' ? 'refused' : 'given';
      consents.push([externalId(i), PURPOSE, first, '2026-01-15T10:00:00Z', industry].join(','));
    }
    if (consent === 'withdrawn') {
      consents.push([externalId(i), PURPOSE, 'withdrawn', '2026-02-01T10:00:00Z', industry].join(','));
    }
    if (consent === 'given' && row.country === 'DE') eligible.push(i);
  }
  let rejectedCustomerRows = 0;
  let warnedCustomerRows = 0;
  if (key === 'insurer') {
    // A malformed email lands its row with a warning (issue 13: kept as given, not published); a row with the
    // wrong number of columns is rejected.
    customers.push(`${prefix}-ODD,Odd,Email,DE,not-an-email,`);
    warnedCustomerRows = 1;
    customers.push(`${prefix}-BAD,Broken,Row,DE`);
    rejectedCustomerRows = 1;
  }
  return {
    key,
    customersCsv: `${customers.join('\n')}\n`,
    consentsCsv: `${consents.join('\n')}\n`,
    rejectedCustomerRows,
    warnedCustomerRows,
    eligible,
    externalId,
  };
}

/**
 * The insurer's cross-sell list against the bank's publication: the insurer's own published people that the bank
 * also published (every shared person shares an email or a phone number across the two files).
 */
export function expectedCrossSell(bank: CompanyData, insurer: CompanyData): string[] {
  const bankSide = new Set(bank.eligible);
  return insurer.eligible.filter((i) => bankSide.has(i)).map(insurer.externalId);
}
