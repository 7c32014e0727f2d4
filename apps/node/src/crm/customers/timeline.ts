// A customer's history on one timeline: purchases, service cases, contacts, notes, social profiles, follow-ups and
// loyalty events, newest first.
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { Database } from '../../db/database.ts';

export type TimelineItem =
  | {
      type: 'purchase';
      id: string;
      at: Date;
      product: string;
      category: string | null;
      price: number;
      quantity: number;
    }
  | {
      type: 'service_case';
      id: string;
      at: Date;
      product: string | null;
      closedAt: Date | null;
      outcome: string | null;
      summary: string | null;
    }
  | {
      type: 'contact';
      id: string;
      at: Date;
      channel: string | null;
      direction: 'inbound' | 'outbound' | null;
      summary: string | null;
    }
  | {
      type: 'follow_up';
      id: string;
      at: Date;
      ownerId: string;
      status: 'open' | 'done' | 'cancelled';
      channel: string | null;
      note: string | null;
    }
  | {
      /** A note written on the record (author = the user's email at the time). */
      type: 'note';
      id: string;
      at: Date;
      author: string;
      body: string;
    }
  | {
      /** A social profile added as a contact channel. */
      type: 'social';
      id: string;
      at: Date;
      network: string;
      handle: string;
    }
  | {
      /** Loyalty history: earn, redeem, expire, adjust, tier_change. */
      type: 'loyalty';
      id: string;
      at: Date;
      kind: string;
      points: number;
      tierFrom: string | null;
      tierTo: string | null;
      note: string | null;
    };

interface Row {
  type: TimelineItem['type'];
  id: string;
  at: Date;
  a: string | null;
  b: string | null;
  c: string | null;
  n1: number | null;
  n2: number | null;
  d: Date | null;
  e: string | null;
}

/** What the caller may see on a timeline; required, so no read path can forget the list procedures' scoping. */
export interface TimelineScope {
  /** Follow-ups the caller may read (CASL ability as SQL over alias `f`), as followups.list applies it. */
  followUps: Expression<SqlBool>;
}

/** One page of the timeline, strictly before `before` (the `at` of the previous page's last item). */
export async function customerTimeline(
  db: Kysely<Database>,
  customerId: string,
  opts: { limit: number; before?: Date },
  scope: TimelineScope,
): Promise<TimelineItem[]> {
  const before = opts.before ? sql`and at < ${opts.before.toISOString()}::timestamptz` : sql``;
  const rows = await sql<Row>`
    select * from (
      select 'purchase' as type, id, purchased_at as at, product as a, category as b, null::text as c,
             price::float8 as n1, quantity::float8 as n2, null::timestamptz as d, null::text as e
        from purchase where customer_id = ${customerId}
      union all
      select kind, id, occurred_at, case when kind = 'service_case' then product else channel end,
             case when kind = 'service_case' then outcome else direction end, summary, null, null, closed_at, null
        from interaction where customer_id = ${customerId} and deleted_at is null
      union all
      select 'follow_up', f.id, f.due_date::timestamptz, f.owner_id, f.status, f.note, null, null, null, f.channel
        from follow_up f where f.customer_id = ${customerId} and ${scope.followUps}
      union all
      select 'note', id, created_at, author, null, body, null, null, null, null
        from customer_note where customer_id = ${customerId}
      union all
      select 'social', md5(customer_id::text || network || handle)::uuid, added_at, network, handle, null, null,
             null, null, null
        from customer_social_profile where customer_id = ${customerId}
      union all
      select 'loyalty', id, occurred_at, kind, tier_from, tier_to, points::float8, null, null, note
        from loyalty_event where customer_id = ${customerId}
    ) t where true ${before}
    order by at desc, id
    limit ${opts.limit}`.execute(db);
  return rows.rows.map((r): TimelineItem => {
    switch (r.type) {
      case 'purchase':
        return {
          type: 'purchase',
          id: r.id,
          at: r.at,
          product: r.a ?? '',
          category: r.b,
          price: Number(r.n1),
          quantity: Number(r.n2),
        };
      case 'service_case':
        return {
          type: 'service_case',
          id: r.id,
          at: r.at,
          product: r.a,
          outcome: r.b,
          summary: r.c,
          closedAt: r.d,
        };
      case 'contact':
        return {
          type: 'contact',
          id: r.id,
          at: r.at,
          channel: r.a,
          direction: r.b as 'inbound' | 'outbound' | null,
          summary: r.c,
        };
      case 'note':
        return { type: 'note', id: r.id, at: r.at, author: r.a ?? '', body: r.c ?? '' };
      case 'social':
        return { type: 'social', id: r.id, at: r.at, network: r.a ?? '', handle: r.b ?? '' };
      case 'loyalty':
        return {
          type: 'loyalty',
          id: r.id,
          at: r.at,
          kind: r.a ?? '',
          points: Number(r.n1),
          tierFrom: r.b,
          tierTo: r.c,
          note: r.e,
        };
      default:
        return {
          type: 'follow_up',
          id: r.id,
          at: r.at,
          ownerId: r.a ?? '',
          status: r.b as 'open' | 'done' | 'cancelled',
          note: r.c,
          channel: r.e,
        };
    }
  });
}
