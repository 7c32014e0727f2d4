// Deterministic analytics bench data (set-based SQL, fixed seed): customers (80% with demographics), purchases with
// supplier, brand and cost over three years, and NPS answers over two years.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../src/db/database.ts';

/** Deterministic data in set-based SQL (setseed): the same figures on every run. */
export async function generate(db: Kysely<Database>, N: number, P: number, A: number, AS_OF: Date) {
  await sql`select setseed(0.42)`.execute(db);
  await sql`insert into customer (external_id, country, birth_date, attributes)
    select 'C' || i, (array['DE','DE','DE','AT','FR','NL'])[1 + (i % 6)],
      date '1940-01-01' + ((random() * 27000)::int), '{}'
    from generate_series(1, ${N}) i`.execute(db);
  await sql`insert into customer_demographics (customer_id, sex, income_band, education, household_size, region)
    select id,
      (array['female','male','diverse','undisclosed'])[1 + floor(random() * 4)::int],
      (array['lt_20k','20k_40k','40k_60k','60k_100k','100k_plus'])[1 + floor(random() * 5)::int],
      (array['primary','secondary','vocational','bachelor','master','doctorate'])[1 + floor(random() * 6)::int],
      1 + floor(random() * 5)::int,
      (array['North','South','East','West','Centre'])[1 + floor(random() * 5)::int]
    from customer where random() < 0.8`.execute(db);
  await sql`create temporary table ids as select row_number() over () as n, id from customer`.execute(db);
  await sql`insert into purchase (customer_id, product, category, supplier, brand, price, cost, purchased_at)
    select ids.id, 'product ' || (k % 40), (array['car','insurance','mortgage','card','service','accessory'])[1 + k % 6],
      (array['Acme','Globex','Initech','Umbrella','Hooli','Stark'])[1 + (k / 7) % 6],
      (array['Zeta','Ypsilon','Xi','Omega'])[1 + (k / 3) % 4],
      round((random() * 2000)::numeric, 2), case when k % 3 = 0 then null else round((random() * 1500)::numeric, 2) end,
      ${AS_OF.toISOString()}::timestamptz - (random() * interval '1095 days')
    from (select k, 1 + floor(random() * ${N})::bigint as n from generate_series(1, ${P}) k) g join ids on ids.n = g.n`.execute(
    db,
  );
  const survey = await db
    .insertInto('survey')
    .values({ key: 'bench', name: 'Bench', created_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await sql`insert into survey_response (id, survey_id, customer_id, responded_at)
    select gen_random_uuid(), ${survey.id}::uuid, ids.id, ${AS_OF.toISOString()}::timestamptz - (random() * interval '730 days')
    from (select 1 + floor(random() * ${N})::bigint as n from generate_series(1, ${A})) g join ids on ids.n = g.n`.execute(
    db,
  );
  await sql`insert into survey_answer (response_id, question_key, survey_id, customer_id, responded_at, kind, score)
    select id, 'nps', survey_id, customer_id, responded_at, 'nps', floor(random() * 11)::int from survey_response`.execute(
    db,
  );
  // The generator's own writes are not changes any snapshot has to catch up with.
  await sql`truncate analytics_change`.execute(db);
  await sql`analyze`.execute(db);
}
