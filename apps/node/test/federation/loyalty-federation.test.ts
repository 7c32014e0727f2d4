// The third identifier type end to end over HTTP (issue 10): a bank and an insurer that share people ONLY through a
// coalition loyalty card (their emails and phones never coincide). Cards are imported by CSV in different written
// forms, invalid ones (wrong check digit) land as warnings and are never published, the customer record shows the
// card, `has_identifier: loyalty_card` selects the segment, and the cross-sell list equals the expectation computed
// here with an independent Luhn check — 0 missing, 0 extra.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setRule } from '../../src/consent/rules.ts';
import { expectCrossSellBothWays } from './cross-sell.ts';
import { PURPOSE_CROSS_SELL } from './fixtures.ts';
import { rng } from './generated/population.ts';
import { type TestNode, uploadCsv } from './harness.ts';
import { type BankAndInsurer, collaborateAndPublish, startBankAndInsurer } from './scenario.ts';

const SEED = 1010;
const PEOPLE = 160;

/** Independent Luhn (textbook doubling table), not the package's implementation. */
function luhnOk(digits: string): boolean {
  const doubled = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];
  const sum = [...digits]
    .reverse()
    .reduce((acc, ch, i) => acc + (i % 2 === 1 ? (doubled[Number(ch)] as number) : Number(ch)), 0);
  return sum % 10 === 0;
}

interface Holding {
  externalId: string;
  personId: number;
  consent: 'given' | 'refused';
  /** The card's digits when the written card is a valid coalition card, else null. */
  card: string | null;
  line: string;
}

/** Card digits of person i: a 16-digit coalition number with its check digit (one per person). */
function cardOf(i: number): string {
  const body = `603493${String(100_000_000 + i * 7919).padStart(9, '0')}`;
  for (let d = 0; d <= 9; d++) if (luhnOk(body + d)) return body + d;
  throw new Error('unreachable');
}

/** How a node writes a card: grouped with spaces, with dashes, or plain; sometimes with a typo in the last digit. */
function writeCard(r: ReturnType<typeof rng>, digits: string): { written: string; valid: boolean } {
  const typo = r.chance(0.1);
  const last = Number(digits.at(-1));
  const d = typo ? digits.slice(0, -1) + String((last + 1 + r.int(0, 7)) % 10) : digits;
  const form = r.int(0, 2);
  const written =
    form === 0 ? d.replace(/(\d{4})(?=\d)/g, '$1 ') : form === 1 ? d.replace(/(\d{4})(?=\d)/g, '$1-') : d;
  return { written, valid: luhnOk(d) && d.length >= 12 && d.length <= 19 };
}

function holdingsFor(prefix: string, seed: number): Holding[] {
  const r = rng(seed);
  const out: Holding[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    if (!r.chance(0.7)) continue;
    const hasCard = r.chance(0.9);
    const card = hasCard ? writeCard(r, cardOf(i)) : null;
    const externalId = `${prefix}-${i}`;
    // Node-specific email and phone: never shared with the partner, so only the card can match.
    const email = `${prefix.toLowerCase()}.${i}@${prefix.toLowerCase()}.example`;
    out.push({
      externalId,
      personId: i,
      consent: r.chance(0.85) ? 'given' : 'refused',
      card: card?.valid ? cardOf(i) : null,
      line: [externalId, `P${i}`, 'Person', email, card?.written ?? ''].join(','),
    });
  }
  return out;
}

const HEADER = 'external_id,first_name,last_name,email,loyalty_card';

let fed: BankAndInsurer;
const bankHold = holdingsFor('BNK', SEED + 1);
const insHold = holdingsFor('INS', SEED + 2);

beforeAll(async () => {
  fed = await startBankAndInsurer('loyfed', { bank: 'US', insurer: 'DE' });
}, 300_000);
afterAll(() => fed?.stop());

async function load(node: TestNode, hs: Holding[], recipient: string): Promise<string> {
  const customers = await uploadCsv(
    node,
    '/api/imports/customers?fileName=cards.csv',
    [HEADER, ...hs.map((h) => h.line)].join('\n'),
  );
  expect(customers.type).toBe('done');
  const summary = customers.import as Record<string, number>;
  // Cards with a wrong check digit are warnings: every row lands.
  expect(summary).toMatchObject({ rowsRead: hs.length, inserted: hs.length, failed: 0 });
  const typos = hs.filter((h) => h.card === null && h.line.split(',')[4] !== '').length;
  expect(summary.withWarnings).toBe(typos);
  const consents = await uploadCsv(
    node,
    '/api/imports/consents?fileName=consent.csv',
    [
      'customer_external_id,purpose,state,captured_at,recipient_industries,collection_method,source',
      ...hs.map(
        (h) =>
          `${h.externalId},${PURPOSE_CROSS_SELL},${h.consent},2026-11-01T10:00:00Z,${recipient},web_form,gen`,
      ),
    ].join('\n'),
  );
  expect(consents.import).toMatchObject({ recorded: hs.length, failed: 0 });
  await setRule(
    node.node.db,
    {
      purpose: PURPOSE_CROSS_SELL,
      allowedIndustries: [recipient],
      maxConsentAgeDays: null,
      kMin: 5,
      listsAllowed: true,
      retentionDays: 90,
    },
    { id: null, email: 'system' },
    new Date('2026-10-01T00:00:00Z'),
  );
  const segment = await node.as.marketer.segments.create.mutate({
    name: 'Card holders',
    rule: { type: 'has_identifier', kind: 'loyalty_card' },
  });
  return segment.id;
}

/** People held by both, consenting at both, with a valid card at both (the same card: one per person). */
function expectedFor(mine: Holding[], theirs: Holding[]): string[] {
  const other = new Map(theirs.map((h) => [h.personId, h]));
  return mine
    .filter((h) => {
      const p = other.get(h.personId);
      return (
        p !== undefined &&
        h.consent === 'given' &&
        p.consent === 'given' &&
        h.card !== null &&
        p.card === h.card
      );
    })
    .map((h) => h.externalId)
    .sort();
}

describe('loyalty_card: a third identifier type, published and matched over HTTP', () => {
  it('matches two nodes that share people only by loyalty card, 0 missing and 0 extra', async () => {
    const { bank, insurer } = fed;
    const bankSegment = await load(bank, bankHold, 'insurance');
    const insSegment = await load(insurer, insHold, 'bank');

    // The customer record shows the card, grouped; a typo is kept as given with its reason.
    const withCard = bankHold.find((h) => h.card !== null) as Holding;
    const found = await bank.as.marketer.customers.list.query({ search: withCard.externalId });
    const view = await bank.as.marketer.customers.get.query({ id: found.items[0]?.id as string });
    expect(view.identifiers.find((i) => i.idType === 'loyalty_card')).toMatchObject({
      status: 'valid',
      normalized: withCard.card,
      display: withCard.card?.replace(/(\d{4})(?=\d)/g, '$1 '),
    });

    const {
      collaborationId,
      proposerPub: ins,
      partnerPub: bnk,
    } = await collaborateAndPublish(
      { node: insurer, segmentId: insSegment },
      { node: bank, segmentId: bankSegment },
      [PURPOSE_CROSS_SELL],
    );
    // Only consenting candidates are read at publish time; each of their mistyped cards is reported, never sent.
    const typos = (hs: Holding[]) =>
      hs.filter((h) => h.consent === 'given' && h.card === null && h.line.split(',')[4] !== '').length;
    expect(ins.invalidIdentifiers.loyalty_card_check_digit ?? 0).toBe(typos(insHold));
    expect(bnk.invalidIdentifiers.loyalty_card_check_digit ?? 0).toBe(typos(bankHold));

    await expectCrossSellBothWays(
      collaborationId,
      [
        { node: insurer, pub: ins, holdings: insHold },
        { node: bank, pub: bnk, holdings: bankHold },
      ],
      expectedFor,
      20,
    );
  });
});
