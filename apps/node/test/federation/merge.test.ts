// Merging two records of one person (issue 13): imported with a shared email and phone, flagged by the import,
// merged with the CLI; the survivor has the strictest consent and the complete history, is published once, and a
// re-import of the merged record's external id updates the survivor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setRule } from '../../src/consent/rules.ts';
import { PURPOSE_CROSS_SELL, PURPOSE_REFERRAL } from './fixtures.ts';
import { runCli, type TestNode, uploadCsv } from './harness.ts';
import { type BankAndInsurer, collaborateAndPublish, startBankAndInsurer } from './scenario.ts';
import { seedNode } from './seed.ts';

let bank: TestNode;
let insurer: TestNode;
const others = Array.from({ length: 8 }, (_, i) => i + 1);

let fed: BankAndInsurer;
beforeAll(async () => {
  fed = await startBankAndInsurer('merge', { bank: 'DE', insurer: 'DE' });
  ({ bank, insurer } = fed);
}, 300_000);
afterAll(() => fed?.stop());

const CUSTOMERS = [
  'external_id,first_name,last_name,country,email,phone',
  ...others.map((i) => `INS-${i},P${i},Other,DE,p${i}@x.test,`),
  // One person, two records: the email differs in case and the phone in format only.
  'INS-A,Karl,Wagner,DE,karl.wagner@x.test,+49 170 1234567',
  'INS-B,Karl,Wagner,DE, KARL.WAGNER@X.TEST ,0170 1234567',
].join('\n');

/** Cross-sell: both given (B narrower in time); referral: A given, B refused later. */
const CONSENTS = [
  'customer_external_id,purpose,state,captured_at,valid_until,recipient_industries,collection_method,source',
  ...others.map((i) => `INS-${i},${PURPOSE_CROSS_SELL},given,2026-11-01T10:00:00Z,,bank,web_form,t`),
  `INS-A,${PURPOSE_CROSS_SELL},given,2026-11-01T10:00:00Z,,bank,web_form,t`,
  `INS-B,${PURPOSE_CROSS_SELL},given,2026-10-01T10:00:00Z,2027-06-30T00:00:00Z,bank;insurance,web_form,t`,
  `INS-A,${PURPOSE_REFERRAL},given,2026-11-01T10:00:00Z,,bank,web_form,t`,
  `INS-B,${PURPOSE_REFERRAL},given,2026-10-01T10:00:00Z,,bank,web_form,t`,
  `INS-B,${PURPOSE_REFERRAL},refused,2026-10-02T10:00:00Z,,,web_form,t`,
].join('\n');

const HISTORY = [
  'external_id,customer_external_id,product,category,price,purchased_at',
  'PA,INS-A,Car policy,car,300,2026-09-01',
  'PB,INS-B,Home policy,home,200,2026-08-01',
].join('\n');

describe('merging duplicates', () => {
  let survivorId: string;
  let mergedId: string;

  it('import flags the two records as probable duplicates with the shared identifiers', async () => {
    const done = await uploadCsv(insurer, '/api/imports/customers?fileName=c.csv', CUSTOMERS);
    expect(done.import).toMatchObject({ inserted: 10, failed: 0, duplicatesFlagged: 1 });
    expect(await uploadCsv(insurer, '/api/imports/consents?fileName=k.csv', CONSENTS)).toMatchObject({
      type: 'done',
      import: { failed: 0 },
    });
    expect(await uploadCsv(insurer, '/api/imports/purchases?fileName=p.csv', HISTORY)).toMatchObject({
      type: 'done',
      import: { inserted: 2, failed: 0 },
    });
    const pairs = await insurer.as.admin.duplicates.list.query({});
    expect(pairs).toHaveLength(1);
    const pair = pairs[0]!;
    expect([pair.a.externalId, pair.b.externalId].sort()).toEqual(['INS-A', 'INS-B']);
    expect(pair.evidence.sort((x, y) => x.idType.localeCompare(y.idType))).toEqual([
      { idType: 'email', value: 'karl.wagner@x.test' },
      { idType: 'phone', value: '+491701234567' },
    ]);
    survivorId = pair.a.externalId === 'INS-A' ? pair.a.id : pair.b.id;
    mergedId = pair.a.externalId === 'INS-A' ? pair.b.id : pair.a.id;
  });

  it('an admin merges with the CLI; a marketer may not', async () => {
    const refused = await runCli(insurer, 'marketer', ['duplicates', 'merge', survivorId, mergedId]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('FORBIDDEN');
    const r = await runCli(insurer, 'admin', ['duplicates', 'merge', survivorId, mergedId, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { moved: Record<string, number>; undoUntil: string };
    expect(out.moved).toMatchObject({ purchases: 1, identifiers: 2, consentEvents: 3 });
    expect(await insurer.as.admin.duplicates.list.query({})).toEqual([]);
  });

  it('the survivor has the strictest consent per purpose and the complete history', async () => {
    const states = await insurer.as.compliance.consent.current.query({ customerId: survivorId });
    const of = (p: string) => states.find((s) => s.purpose === p);
    // Referral: refused on B beats given on A. Cross-sell: both given → still given, valid until B's earlier end.
    expect(of(PURPOSE_REFERRAL)?.state).toBe('refused');
    expect(of(PURPOSE_CROSS_SELL)?.state).toBe('given');
    expect(String(of(PURPOSE_CROSS_SELL)?.event?.validUntil)).toBe('2027-06-30T00:00:00.000Z');
    expect(of(PURPOSE_CROSS_SELL)?.event?.recipientIndustries).toEqual(['bank']);
    const timeline = await insurer.as.marketer.customers.timeline.query({ customerId: survivorId });
    expect(JSON.stringify(timeline)).toContain('Car policy');
    expect(JSON.stringify(timeline)).toContain('Home policy');
    const merged = await insurer.as.admin.customers.get.query({ id: mergedId });
    expect(merged.mergedInto).toBe(survivorId);
    expect(merged.deletedAt).not.toBeNull();
  });

  it('the person is published once and appears once in the cross-sell list', async () => {
    const bankSeed = await seedNode(
      bank.node,
      [
        ...others.map((i) => ({
          externalId: `BNK-${i}`,
          emails: [`p${i}@x.test`],
          consent: 'given' as const,
        })),
        { externalId: 'BNK-K', emails: ['karl.wagner@x.test'], consent: 'given' as const },
      ],
      { recipientIndustry: 'insurance', at: new Date() },
    );
    for (const purpose of [PURPOSE_CROSS_SELL, PURPOSE_REFERRAL]) {
      await setRule(
        { db: insurer.node.db, now: () => new Date('2026-09-01T00:00:00Z') },
        {
          purpose,
          allowedIndustries: ['bank'],
          maxConsentAgeDays: null,
          kMin: 5,
          listsAllowed: true,
          retentionDays: 90,
          actor: { id: null, email: 'system' },
        },
      );
    }
    const segment = await insurer.as.marketer.segments.create.mutate({
      name: 'Everyone',
      rule: { type: 'has_identifier', kind: 'email' },
    });
    const {
      collaborationId,
      proposerPub: ins,
      partnerPub: bnk,
    } = await collaborateAndPublish(
      { node: insurer, segmentId: segment.id },
      { node: bank, segmentId: bankSeed.segmentId },
      [PURPOSE_CROSS_SELL],
    );
    // 8 others + Karl once: the merged record is not a candidate any more.
    expect(ins.published).toBe(9);
    const members = await insurer.node.db
      .selectFrom('publication_member')
      .select('customer_id')
      .where('publication_id', '=', ins.publicationId)
      .execute();
    expect(members.filter((m) => m.customer_id === survivorId)).toHaveLength(1);
    expect(members.some((m) => m.customer_id === mergedId)).toBe(false);
    const match = await insurer.as.marketer.matches.request.mutate({
      collaborationId,
      kind: 'cross_sell_list',
      purpose: PURPOSE_CROSS_SELL,
      publicationId: ins.publicationId,
      partnerPublicationIds: [bnk.cleanroomPublicationId],
    });
    const list = await insurer.as.marketer.lists.members.query({
      listId: match.audience?.audienceListId as string,
    });
    expect(list.map((m) => m.externalId).sort()).toEqual([...others.map((i) => `INS-${i}`), 'INS-A'].sort());
  });

  it('a re-import of the old external id updates the survivor (identifiers added, history attached)', async () => {
    const done = await uploadCsv(
      insurer,
      '/api/imports/customers?fileName=again.csv',
      'external_id,first_name,email\nINS-B,Karlheinz,karl.new@x.test\n',
    );
    expect(done.import).toMatchObject({ inserted: 0, updated: 1, failed: 0 });
    const purchases = await uploadCsv(
      insurer,
      '/api/imports/purchases?fileName=p2.csv',
      'external_id,customer_external_id,product,price,purchased_at\nPC,INS-B,Travel policy,50,2026-11-02\n',
    );
    expect(purchases.import).toMatchObject({ inserted: 1, failed: 0 });
    const survivor = await insurer.as.admin.customers.get.query({ id: survivorId });
    expect(survivor.externalId).toBe('INS-A');
    expect(survivor.firstName).toBe('Karlheinz');
    expect(survivor.emails).toEqual(['karl.wagner@x.test', ' KARL.WAGNER@X.TEST '.trim(), 'karl.new@x.test']);
    const timeline = await insurer.as.marketer.customers.timeline.query({ customerId: survivorId });
    expect(JSON.stringify(timeline)).toContain('Travel policy');
    const merged = await insurer.as.admin.customers.get.query({ id: mergedId });
    expect(merged.firstName).toBe('Karl');
  });
});
