// segments.options (pickers fed from the node's own data), segments.preview's member sample (only for callers who may
// read customers), nested and/or groups end to end, and validation failures worded for people.
import type { TestDatabase } from '@concord/db/testing';
import { formatConcordError } from '@concord/service/trpc';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreviewSegmentInput } from '../../src/api/segments/preview-segment.ts';
import { upsertCustomers } from '../../src/crm/customers/upsert-customers.ts';
import { upsertInteractions } from '../../src/crm/history/upsert-interactions.ts';
import { upsertPurchases } from '../../src/crm/history/upsert-purchases.ts';
import { MAX_ATTRIBUTE_VALUES } from '../../src/crm/segments/options.ts';
import type { SegmentRule } from '../../src/crm/segments/rule.ts';
import type { Database } from '../../src/db/database.ts';
import { codeOf } from '../code-of.ts';
import { callerAs, openTestDb } from './helpers.ts';

let tdb: TestDatabase<Database>;
const NOW = new Date('2026-11-22T10:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

beforeAll(async () => {
  tdb = await openTestDb('crm_segment_options');
  await upsertCustomers(tdb.db, [
    { externalId: 'A', firstName: 'Ann', city: 'Berlin', attributes: { tier: 'gold', note: 'n-a' } },
    { externalId: 'B', firstName: 'Ben', city: 'Hamburg', attributes: { tier: 'silver', note: 'n-b' } },
    { externalId: 'C', firstName: 'Cem', city: 'Berlin', attributes: { tier: 'gold' } },
    ...Array.from({ length: MAX_ATTRIBUTE_VALUES + 1 }, (_, i) => ({
      externalId: `Z${i}`,
      attributes: { note: `free text ${i}` },
    })),
  ]);
  await upsertPurchases(tdb.db, [
    {
      externalId: 'p1',
      customerExternalId: 'A',
      product: 'Sedan',
      category: 'car',
      price: 9,
      purchasedAt: daysAgo(3),
    },
    {
      externalId: 'p2',
      customerExternalId: 'B',
      product: 'Loan',
      category: 'credit',
      price: 9,
      purchasedAt: daysAgo(3),
    },
    {
      externalId: 'p3',
      customerExternalId: 'C',
      product: 'Sedan',
      category: 'car',
      price: 9,
      purchasedAt: daysAgo(3),
    },
  ]);
  await upsertInteractions(tdb.db, [
    { externalId: 'i1', customerExternalId: 'A', kind: 'contact', channel: 'phone', occurredAt: daysAgo(2) },
    {
      externalId: 'i2',
      customerExternalId: 'B',
      kind: 'service_case',
      outcome: 'repaired',
      product: 'Van',
      occurredAt: daysAgo(2),
    },
  ]);
});
afterAll(() => tdb.destroy());

describe('segments.options', () => {
  it('offers what occurs in the data: categories, products (purchases and cases), channels, outcomes, attributes', async () => {
    const o = await callerAs(tdb.db, 'marketer', NOW).segments.options();
    expect(o.categories.map((c) => c.value)).toEqual(['car', 'credit']);
    expect(o.categories[0]!.count).toBe(2);
    expect(o.products.map((p) => p.value).sort()).toEqual(['Loan', 'Sedan', 'Van']);
    expect(o.channels.map((c) => c.value)).toEqual(['phone']);
    expect(o.outcomes.map((c) => c.value)).toEqual(['repaired']);
    const tier = o.attributes.find((a) => a.key === 'tier')!;
    expect(tier.values?.map((v) => v.value).sort()).toEqual(['gold', 'silver']);
  });

  it('lists no values for a free-text attribute (more distinct values than the picker limit)', async () => {
    const o = await callerAs(tdb.db, 'marketer', NOW).segments.options();
    expect(o.attributes.find((a) => a.key === 'note')!.values).toBeNull();
  });

  it('is CASL-checked: admins (no segment rights) are refused', async () => {
    expect(await codeOf(callerAs(tdb.db, 'admin', NOW).segments.options())).toBe('FORBIDDEN');
    expect(await codeOf(callerAs(tdb.db, 'compliance', NOW).segments.options())).toBe('OK');
  });
});

const NESTED: SegmentRule = {
  type: 'and',
  rules: [
    { type: 'purchases', category: ['car'] },
    {
      type: 'or',
      rules: [
        { type: 'attribute', key: 'tier', op: 'eq', value: 'silver' },
        {
          type: 'and',
          rules: [{ type: 'field', field: 'city', op: 'eq', value: 'Berlin' }, { type: 'contact' }],
        },
      ],
    },
  ],
};

describe('segments.preview with a sample', () => {
  it('evaluates nested and/or groups and returns the sample in external-id order', async () => {
    const r = await callerAs(tdb.db, 'marketer', NOW).segments.preview({ rule: NESTED, sample: 5 });
    expect(r.count).toBe(1);
    expect(r.sample?.map((m) => m.externalId)).toEqual(['A']);
    const all = await callerAs(tdb.db, 'marketer', NOW).segments.preview({
      rule: { type: 'purchases' },
      sample: 2,
    });
    expect(all.count).toBe(3);
    expect(all.sample?.map((m) => m.externalId)).toEqual(['A', 'B']);
  });

  it('sample 0 (the default) returns the count only', async () => {
    const r = await callerAs(tdb.db, 'marketer', NOW).segments.preview({ rule: NESTED });
    expect(r.sample).toBeNull();
  });
});

describe('validation failures in words', () => {
  it('the formatter turns zod issues into "Rule 6: choose an attribute", never JSON', () => {
    const rules = [
      ...Array.from({ length: 5 }, () => ({ type: 'contact' })),
      { type: 'attribute', key: '', op: 'eq', value: 'x' },
    ];
    const parsed = PreviewSegmentInput.safeParse({ rule: { type: 'and', rules } });
    expect(parsed.success).toBe(false);
    const zodError = parsed.error!;
    const error = new TRPCError({
      code: 'BAD_REQUEST',
      message: JSON.stringify(zodError.issues),
      cause: zodError,
    });
    const out = formatConcordError({ shape: { message: error.message, data: {} }, error });
    expect(out.message).toBe('Rule 6: choose an attribute');
    expect((out.data as { concordCode?: string }).concordCode).toBe('BAD_INPUT');
  });
});
