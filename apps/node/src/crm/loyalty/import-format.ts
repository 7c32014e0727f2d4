// CSV format of loyalty events from the point of sale: external_id, customer_external_id, kind (join, earn, redeem,
// expire, adjust, tier), points, occurred_at, member_number, tier, note. Redemptions and expiries are stored as
// negative points whatever sign the file uses; `join` enrols, `tier` sets the member's tier.
import type { HeaderMap } from '../import/header.ts';
import { cell } from '../import/header.ts';
import { type Parsed, type RowFormat, withCustomers } from '../import/row-import.ts';
import { clip, parseTimestamp } from '../import/values.ts';
import { enrol, type LoyaltyEventInput, recordLoyaltyEvents } from './members.ts';

const KINDS = ['join', 'earn', 'redeem', 'expire', 'adjust', 'tier'] as const;
type CsvKind = (typeof KINDS)[number];

interface LoyaltyRow {
  externalId: string;
  customerExternalId: string;
  kind: CsvKind;
  points: number;
  occurredAt: Date;
  memberNumber: string | null;
  tier: string | null;
  note: string | null;
}

function parse(map: HeaderMap, fields: string[]): Parsed<LoyaltyRow> {
  const fail = (field: string, reason: string) => ({ ok: false as const, field, reason });
  const externalId = cell(map, fields, 'external_id');
  if (!externalId) return fail('external_id', 'missing external_id');
  const customerExternalId = cell(map, fields, 'customer_external_id');
  if (!customerExternalId) return fail('customer_external_id', 'missing customer_external_id');
  const kind = cell(map, fields, 'kind')?.toLowerCase() ?? '';
  if (!(KINDS as readonly string[]).includes(kind))
    return fail('kind', `invalid kind "${clip(kind)}" (expected ${KINDS.join(', ')})`);
  const whenRaw = cell(map, fields, 'occurred_at');
  if (!whenRaw) return fail('occurred_at', 'missing occurred_at');
  const when = parseTimestamp(whenRaw);
  if (!when.ok) return fail('occurred_at', when.reason);
  const pointsRaw = cell(map, fields, 'points');
  const needsPoints = kind !== 'join' && kind !== 'tier';
  if (needsPoints && (pointsRaw === null || !/^-?\d{1,9}$/.test(pointsRaw)))
    return fail('points', `invalid points "${clip(pointsRaw ?? '')}" (expected a whole number)`);
  const tier = cell(map, fields, 'tier');
  if (kind === 'tier' && !tier) return fail('tier', 'a tier event needs the tier');
  const magnitude = Math.abs(Number(pointsRaw ?? 0));
  const points =
    kind === 'redeem' || kind === 'expire' ? -magnitude : kind === 'adjust' ? Number(pointsRaw) : magnitude;
  return {
    ok: true,
    row: {
      externalId,
      customerExternalId,
      kind: kind as CsvKind,
      points,
      occurredAt: when.value,
      memberNumber: cell(map, fields, 'member_number'),
      tier,
      note: cell(map, fields, 'note'),
    },
  };
}

export const LOYALTY_EVENTS_CSV: RowFormat<LoyaltyRow> = {
  spec: {
    known: [
      'external_id',
      'customer_external_id',
      'kind',
      'points',
      'occurred_at',
      'member_number',
      'tier',
      'note',
    ],
    required: ['external_id', 'customer_external_id', 'kind', 'occurred_at'],
  },
  parse,
  commit: (deps, rows) =>
    deps.db.transaction().execute(async (trx) => {
      const { known, errors } = await withCustomers(trx, rows);
      const joins = known.filter((r) => r.row.kind === 'join');
      await enrol(
        trx,
        joins.map((r) => ({
          customerId: r.customerId,
          joinedAt: r.row.occurredAt,
          memberNumber: r.row.memberNumber,
        })),
      );
      const members = new Set(
        (
          await trx
            .selectFrom('loyalty_member')
            .select('customer_id')
            .where('customer_id', 'in', [
              ...new Set(known.map((r) => r.customerId)),
              '00000000-0000-0000-0000-000000000000',
            ])
            .execute()
        ).map((m) => m.customer_id),
      );
      const events: LoyaltyEventInput[] = [];
      for (const r of known) {
        if (r.row.kind === 'join') continue;
        if (!members.has(r.customerId)) {
          errors.push({
            line: r.line,
            field: 'customer_external_id',
            reason: 'not a loyalty member (import a join event first)',
          });
          continue;
        }
        events.push({
          externalId: r.row.externalId,
          customerId: r.customerId,
          kind: r.row.kind === 'tier' ? 'tier_change' : r.row.kind,
          points: r.row.kind === 'tier' ? 0 : r.row.points,
          occurredAt: r.row.occurredAt,
          source: 'import',
          tierTo: r.row.tier,
          note: r.row.note,
        });
      }
      const recorded = await recordLoyaltyEvents(trx, events);
      return { imported: recorded + joins.length, errors };
    }),
};
