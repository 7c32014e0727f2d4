// Real-world people in, the right people out (issue 13): a generated population living in US, GB, DE, LV and IT,
// held by two nodes with different default regions (US and DE), imported as CSV over HTTP with national and
// international formats, noise and a share of invalid values. Every person lands at every node that holds them, and
// the cross-sell list equals the expectation computed by the generator — 0 extra, 0 missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setRule } from '../../src/consent/rules.ts';
import { expectCrossSellBothWays } from './cross-sell.ts';
import { PURPOSE_CROSS_SELL } from './fixtures.ts';
import {
  type Country,
  type Person,
  population,
  rng,
  writeEmail,
  writePhone,
} from './generated/population.ts';
import { type TestNode, uploadCsv } from './harness.ts';
import { type BankAndInsurer, collaborateAndPublish, startBankAndInsurer } from './scenario.ts';

const SEED = 1313;
const SIZE = 360;
const INVALID_SHARE = 0.08;

interface Holding {
  person: Person;
  externalId: string;
  consent: 'given' | 'refused';
  emailTrue: boolean;
  phoneTrue: boolean;
  line: string;
  hasInvalid: boolean;
}

function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** One node's customer file: which people it holds and how it wrote them. */
function holdingsFor(people: Person[], prefix: string, region: Country, seed: number): Holding[] {
  const r = rng(seed);
  return people
    .filter(() => r.chance(0.7))
    .map((person) => {
      const rowHasCountry = r.chance(0.85);
      const email = r.chance(0.9) ? writeEmail(r, person, INVALID_SHARE) : null;
      const phone = r.chance(0.85)
        ? writePhone(r, person, { rowHasCountry, nodeRegion: region, invalidShare: INVALID_SHARE })
        : null;
      const externalId = `${prefix}-${person.id}`;
      const fields = [
        externalId,
        person.first,
        person.last,
        rowHasCountry ? person.country : '',
        email?.value ?? '',
        phone?.value ?? '',
      ];
      return {
        person,
        externalId,
        consent: r.chance(0.85) ? ('given' as const) : ('refused' as const),
        emailTrue: email?.readsTrue ?? false,
        phoneTrue: phone?.readsTrue ?? false,
        hasInvalid:
          (email !== null && !email.readsTrue && /@.*@|\s@|^[^@]*$/.test(email.value.trim())) || false,
        line: fields.map(csvCell).join(','),
      };
    });
}

const HEADER = 'external_id,first_name,last_name,country,email,phone';

function consentCsv(hs: Holding[], recipient: string): string {
  return [
    'customer_external_id,purpose,state,captured_at,recipient_industries,collection_method,source',
    ...hs.map(
      (h) =>
        `${h.externalId},${PURPOSE_CROSS_SELL},${h.consent},2026-11-01T10:00:00Z,${recipient},web_form,gen`,
    ),
  ].join('\n');
}

let bank: TestNode;
let insurer: TestNode;
const people = population(SEED, SIZE);
const bankHold = holdingsFor(people, 'BNK', 'US', SEED + 1);
const insHold = holdingsFor(people, 'INS', 'DE', SEED + 2);

let fed: BankAndInsurer;
beforeAll(async () => {
  fed = await startBankAndInsurer('idfed', { bank: 'US', insurer: 'DE' });
  ({ bank, insurer } = fed);
}, 300_000);
afterAll(() => fed?.stop());

/** Imports customers and consents, sets the rule, creates an everyone segment; returns its id. */
async function load(node: TestNode, hs: Holding[], recipient: string): Promise<string> {
  const customers = await uploadCsv(
    node,
    '/api/imports/customers?fileName=gen.csv',
    [HEADER, ...hs.map((h) => h.line)].join('\n'),
  );
  expect(customers.type).toBe('done');
  const summary = customers.import as Record<string, number>;
  // Every person lands: no row is rejected, invalid identifiers are warnings.
  expect(summary).toMatchObject({ rowsRead: hs.length, inserted: hs.length, failed: 0 });
  expect(summary.withWarnings).toBeGreaterThanOrEqual(hs.filter((h) => h.hasInvalid).length);
  const consents = await uploadCsv(
    node,
    '/api/imports/consents?fileName=consent.csv',
    consentCsv(hs, recipient),
  );
  expect(consents.type).toBe('done');
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
    name: 'Everyone reachable',
    rule: {
      type: 'or',
      rules: [
        { type: 'has_identifier', kind: 'email' },
        { type: 'has_identifier', kind: 'phone' },
      ],
    },
  });
  return segment.id;
}

/** The generator's answer: people held by both, consenting at both, sharing an identifier read truly at both. */
function expectedFor(requester: Holding[], partner: Holding[]): string[] {
  const other = new Map(partner.map((h) => [h.person.id, h]));
  return requester
    .filter((h) => {
      const p = other.get(h.person.id);
      if (!p || h.consent !== 'given' || p.consent !== 'given') return false;
      return (h.emailTrue && p.emailTrue) || (h.phoneTrue && p.phoneTrue);
    })
    .map((h) => h.externalId)
    .sort();
}

describe('identity federation from generated real-world files', () => {
  it('lands every person at each node and the cross-sell lists equal the expectation, both ways', async () => {
    const bankSegment = await load(bank, bankHold, 'insurance');
    const insSegment = await load(insurer, insHold, 'bank');
    const {
      collaborationId,
      proposerPub: ins,
      partnerPub: bnk,
    } = await collaborateAndPublish(
      { node: insurer, segmentId: insSegment },
      { node: bank, segmentId: bankSegment },
      [PURPOSE_CROSS_SELL],
    );
    // Invalid values are kept at the node and never published.
    expect(Object.values(ins.invalidIdentifiers).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);

    await expectCrossSellBothWays(
      collaborationId,
      [
        { node: insurer, pub: ins, holdings: insHold },
        { node: bank, pub: bnk, holdings: bankHold },
      ],
      expectedFor,
      40,
    );
  });
});
