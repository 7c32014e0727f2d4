// Seeds an empty node with realistic synthetic data for the demo federation (customers, history, users, consent).

import type { Kysely } from 'kysely';
import { createUser } from '../auth/users.ts';
import { type CustomerInput, upsertCustomers } from '../crm/customers/upsert-customers.ts';
import { type InteractionInput, upsertInteractions } from '../crm/history/upsert-interactions.ts';
import { type PurchaseInput, upsertPurchases } from '../crm/history/upsert-purchases.ts';
import type { Database } from '../db/database.ts';
import { atOneInstant, type Deps } from '../deps.ts';
import { CATALOG } from './catalog.ts';
import { seedConsent } from './consent.ts';
import {
  emailVariant,
  isCustomerOf,
  type Person,
  phoneVariant,
  population,
  type SeedProfile,
} from './population.ts';
import { createRng, type Rng } from './random.ts';

export interface SeedSummary {
  customers: number;
  purchases: number;
  interactions: number;
  users: number;
}

export const DEMO_PASSWORD = 'concord-demo';
const BATCH = 1000;
const DAY = 86_400_000;

function customerOf(rng: Rng, profile: SeedProfile, p: Person): CustomerInput {
  const emails = [emailVariant(rng, p.email)];
  const phones = rng.chance(0.85) ? [phoneVariant(rng, p.mobile)] : [];
  // A few records carry typos a real CRM has; they are excluded at publish time with reason invalid identifier.
  if (rng.chance(0.01)) emails[0] = p.email.replace('@', '');
  return {
    externalId: `${profile.toUpperCase()}-${String(p.index).padStart(6, '0')}`,
    firstName: p.firstName,
    lastName: p.lastName,
    city: p.city,
    country: 'DE',
    birthDate: `${p.birthYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
    emails,
    phones,
    attributes: {
      segment: rng.pick(['private', 'private', 'premium', 'business']),
      newsletter: rng.chance(0.4),
    },
  };
}

function historyOf(rng: Rng, profile: SeedProfile, c: CustomerInput, now: number) {
  const purchases: PurchaseInput[] = [];
  const interactions: InteractionInput[] = [];
  const n = rng.int(1, 4);
  for (let i = 0; i < n; i++) {
    const item = rng.pick(CATALOG[profile]);
    const when = new Date(now - rng.int(1, 730) * DAY);
    purchases.push({
      externalId: `${c.externalId}-P${i}`,
      customerExternalId: c.externalId,
      product: item.product,
      category: item.category,
      price: Math.round(item.minPrice + rng.next() * (item.maxPrice - item.minPrice)),
      purchasedAt: when,
    });
    if (rng.chance(0.15)) {
      const closed = rng.chance(0.7);
      interactions.push({
        externalId: `${c.externalId}-S${i}`,
        customerExternalId: c.externalId,
        kind: 'service_case',
        occurredAt: new Date(when.getTime() + rng.int(5, 60) * DAY),
        closedAt: closed ? new Date(when.getTime() + rng.int(61, 90) * DAY) : null,
        product: item.product,
        outcome: closed ? rng.pick(['resolved', 'replaced', 'refunded', 'no_fault_found']) : null,
        summary: rng.pick([
          'Question about the contract',
          'Complaint about billing',
          'Damage report',
          'Change of address',
        ]),
      });
    }
  }
  if (rng.chance(0.4)) {
    interactions.push({
      externalId: `${c.externalId}-C0`,
      customerExternalId: c.externalId,
      kind: 'contact',
      occurredAt: new Date(now - rng.int(1, 365) * DAY),
      channel: rng.pick(['phone', 'email', 'branch', 'chat']),
      direction: rng.pick(['inbound', 'outbound']),
      summary: rng.pick(['Advice appointment', 'Asked about an offer', 'Annual review', 'Follow-up call']),
    });
  }
  return { purchases, interactions };
}

async function isEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('node_meta').select('value').where('key', '=', 'seeded').executeTakeFirst();
  return !row;
}

/** Seeds once: a node that was seeded (or has customers) is left alone, so restarts keep the data as it is. */
export async function seedDemoData(
  deps: Deps,
  opts: { profile: SeedProfile; industry?: string | undefined; populationSize: number },
): Promise<SeedSummary | undefined> {
  const { db } = deps;
  if (!(await isEmpty(db))) return undefined;
  const anyCustomer = await db.selectFrom('customer').select('id').limit(1).executeTakeFirst();
  if (anyCustomer) return undefined;
  // One instant for the whole seed: history, consent and the `seeded` mark are dated from the same reading.
  const clock = atOneInstant(deps);
  const now = clock.now().getTime();
  const rng = createRng(0x5eed ^ opts.profile.length ^ opts.profile.charCodeAt(0));
  const people = population(opts.populationSize).filter((p) => isCustomerOf(opts.profile, p));
  const summary: SeedSummary = { customers: 0, purchases: 0, interactions: 0, users: 0 };

  for (const role of ['admin', 'compliance', 'marketer'] as const) {
    await createUser(deps, {
      email: `${role}@${opts.profile}.example`,
      role,
      password: DEMO_PASSWORD,
      displayName: `Demo ${role}`,
    });
    summary.users++;
  }
  for (let i = 0; i < people.length; i += BATCH) {
    const customers = people.slice(i, i + BATCH).map((p) => customerOf(rng, opts.profile, p));
    const history = customers.map((c) => historyOf(rng, opts.profile, c, now));
    await upsertCustomers(db, customers);
    const purchases = history.flatMap((h) => h.purchases);
    const interactions = history.flatMap((h) => h.interactions);
    await upsertPurchases(db, purchases);
    await upsertInteractions(db, interactions);
    summary.customers += customers.length;
    summary.purchases += purchases.length;
    summary.interactions += interactions.length;
  }
  await seedConsent(clock, { rng, ownIndustry: opts.industry });
  await db
    .insertInto('node_meta')
    .values({ key: 'seeded', value: new Date(now).toISOString() })
    .execute();
  deps.logger.info(summary, 'seeded demo data');
  return summary;
}
