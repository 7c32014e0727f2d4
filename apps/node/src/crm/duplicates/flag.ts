// Probable duplicates within the node: customers sharing a valid normalized email or phone, flagged with the evidence.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';

/**
 * A value held by more customers than this (a switchboard number, a shared family inbox, a placeholder such as
 * `info@`) is no evidence that two records are one person, and flagging every pair would be quadratic.
 */
export const MAX_SHARED_IDENTIFIER = 10;

export interface DuplicateEvidence {
  idType: string;
  value: string;
}

/**
 * Flags every pair of active customers that share a valid normalized identifier, for the given customers (by
 * external id or id) or for the whole node. New pairs are inserted; open pairs get fresh evidence; dismissed and
 * merged pairs are left alone. Returns how many pairs were newly flagged.
 */
export async function flagDuplicates(
  db: Kysely<Database>,
  scope: { externalIds?: string[]; customerIds?: string[]; importId?: string | null } = {},
): Promise<number> {
  let filter = sql``;
  if (scope.externalIds) {
    filter = sql`and a.customer_id in (select id from customer where external_id = any(${scope.externalIds}::text[]))`;
  } else if (scope.customerIds) {
    filter = sql`and a.customer_id = any(${scope.customerIds}::uuid[])`;
  }
  // The shared values of the scoped customers first (held by 2..MAX customers), so the pair join never sees a
  // value held by hundreds of records.
  const { rows } = await sql<{ inserted: boolean }>`
    with v as (
      select s.id_type, s.normalized from customer_identifier s
      where s.status = 'valid'
        and (s.id_type, s.normalized) in (
          select a.id_type, a.normalized from customer_identifier a where a.status = 'valid' ${filter})
      group by 1, 2
      having count(*) between 2 and ${MAX_SHARED_IDENTIFIER}
    )
    insert into duplicate_flag as f (customer_a, customer_b, evidence, import_id)
    select least(a.customer_id, b.customer_id), greatest(a.customer_id, b.customer_id),
      jsonb_agg(distinct jsonb_build_object('idType', a.id_type, 'value', a.normalized)),
      ${scope.importId ?? null}::uuid
    from v
    join customer_identifier a on a.id_type = v.id_type and a.normalized = v.normalized and a.status = 'valid'
    join customer_identifier b on b.id_type = a.id_type and b.normalized = a.normalized
      and b.customer_id <> a.customer_id and b.status = 'valid'
    join customer ca on ca.id = a.customer_id and ca.deleted_at is null
    join customer cb on cb.id = b.customer_id and cb.deleted_at is null
    where true ${filter}
    group by 1, 2
    on conflict (customer_a, customer_b) do update set evidence = excluded.evidence
      where f.status = 'open' and f.evidence is distinct from excluded.evidence
    returning (xmax = 0) as inserted`.execute(db);
  return rows.filter((r) => r.inserted).length;
}

export interface DuplicatePair {
  a: DuplicateSide;
  b: DuplicateSide;
  evidence: DuplicateEvidence[];
  status: 'open' | 'dismissed' | 'merged';
  detectedAt: Date;
}

export interface DuplicateSide {
  id: string;
  externalId: string;
  firstName: string | null;
  lastName: string | null;
  country: string | null;
}

/** Flagged pairs, newest first. */
export async function listDuplicates(
  db: Kysely<Database>,
  opts: { status?: 'open' | 'dismissed' | 'merged'; limit: number },
): Promise<DuplicatePair[]> {
  const { rows } = await sql<{
    evidence: DuplicateEvidence[];
    status: DuplicatePair['status'];
    detected_at: Date;
    a: DuplicateSide;
    b: DuplicateSide;
  }>`
    select f.evidence, f.status, f.detected_at,
      json_build_object('id', a.id, 'externalId', a.external_id, 'firstName', a.first_name,
        'lastName', a.last_name, 'country', a.country) as a,
      json_build_object('id', b.id, 'externalId', b.external_id, 'firstName', b.first_name,
        'lastName', b.last_name, 'country', b.country) as b
    from duplicate_flag f
    join customer a on a.id = f.customer_a
    join customer b on b.id = f.customer_b
    where f.status = ${opts.status ?? 'open'}
    order by f.detected_at desc, f.customer_a, f.customer_b
    limit ${opts.limit}`.execute(db);
  return rows.map((r) => ({
    a: r.a,
    b: r.b,
    evidence: r.evidence,
    status: r.status,
    detectedAt: r.detected_at,
  }));
}

/** Marks a pair as not the same person (it is not flagged again). */
export async function setDuplicateStatus(
  deps: Pick<Deps, 'db'>,
  input: { customerA: string; customerB: string; status: 'open' | 'dismissed' | 'merged' },
): Promise<number> {
  const { customerA: x, customerB: y, status } = input;
  const [a, b] = x < y ? [x, y] : [y, x];
  const r = await deps.db
    .updateTable('duplicate_flag')
    .set({ status })
    .where('customer_a', '=', a)
    .where('customer_b', '=', b)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
