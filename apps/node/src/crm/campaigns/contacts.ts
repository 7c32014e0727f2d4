// Contact results (sent, delivered, opened, responded) entered in the console or imported from a CSV. Consent is
// re-checked before any contact is recorded: a member who withdrew is skipped (and shown as such), never
// contacted and never counted; holdout members can never be contacted.
import { ConcordError } from '@concord/protocol/errors';
import { sql } from 'kysely';
import type { Campaign, ContactStatus } from '../../db/tables/marketing.table.ts';
import { atOneInstant, type Deps } from '../../deps.ts';
import { readCsv } from '../import/csv-reader.ts';
import { cell, mapHeader } from '../import/header.ts';
import { parseTimestamp } from '../import/values.ts';
import { blockedMembers, markSkipped } from './consent.ts';

export const CONTACT_STATUSES = ['sent', 'delivered', 'opened', 'responded'] as const;

export interface ContactInput {
  customerId: string;
  channel: string;
  status: ContactStatus;
  occurredAt: Date;
  /** CSV line, for error reports. */
  line?: number;
}

export interface Rejected {
  line: number | null;
  customerId: string | null;
  reason: string;
}

export interface ContactReport {
  recorded: number;
  duplicates: number;
  rejected: Rejected[];
  /** Members newly skipped by the consent re-check, by reason. */
  skipped: Record<string, number>;
}

/** Who records the contacts and our industry (the consent recipient of a segment campaign). */
export interface ContactContext {
  actorId: string;
  ownIndustry: string;
}

export async function recordContacts(
  deps: Pick<Deps, 'db' | 'now'>,
  input: ContactContext & { campaign: Campaign; rows: ContactInput[] },
): Promise<ContactReport> {
  const { db } = deps;
  const { campaign: c, rows } = input;
  const at = atOneInstant(deps);
  const now = at.now();
  if (c.status !== 'launched') throw new ConcordError('CONFLICT', `campaign is ${c.status}, not launched`);
  const report: ContactReport = { recorded: 0, duplicates: 0, rejected: [], skipped: {} };
  const ids = [...new Set(rows.map((r) => r.customerId))];
  const members = ids.length
    ? await db
        .selectFrom('campaign_member')
        .select(['customer_id', 'grp', 'skipped_reason'])
        .where('campaign_id', '=', c.id)
        .where('customer_id', 'in', ids)
        .execute()
    : [];
  const byId = new Map(members.map((m) => [m.customer_id, m]));
  const active = members.filter((m) => m.grp === 'treatment' && !m.skipped_reason).map((m) => m.customer_id);
  const blocked = await blockedMembers(at, {
    campaign: c,
    customerIds: active,
    ownIndustry: input.ownIndustry,
  });
  await markSkipped(at, { campaignId: c.id, blocked });
  for (const reason of blocked.values()) report.skipped[reason] = (report.skipped[reason] ?? 0) + 1;
  const reject = (r: ContactInput, reason: string) =>
    report.rejected.push({ line: r.line ?? null, customerId: r.customerId, reason });
  for (const r of rows) {
    const m = byId.get(r.customerId);
    if (!m) reject(r, 'not_in_campaign');
    else if (m.grp === 'holdout') reject(r, 'holdout_member');
    else if (m.skipped_reason || blocked.has(r.customerId))
      reject(r, `skipped:${m.skipped_reason ?? blocked.get(r.customerId)}`);
    else if (!c.channels.includes(r.channel)) reject(r, `channel ${r.channel} is not one of the campaign's`);
    else if (r.occurredAt.getTime() > now.getTime() + 60_000) reject(r, 'occurred_at is in the future');
    else {
      const ins = await db
        .insertInto('campaign_contact')
        .values({
          campaign_id: c.id,
          customer_id: r.customerId,
          channel: r.channel,
          status: r.status,
          occurred_at: r.occurredAt,
          recorded_by: input.actorId,
        })
        .onConflict((oc) => oc.columns(['campaign_id', 'customer_id', 'channel', 'status']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!ins) report.duplicates++;
      else report.recorded++;
      await db
        .updateTable('campaign_member')
        .set({
          first_contact_at: sql<Date>`coalesce(least(first_contact_at, ${r.occurredAt}::timestamptz), ${r.occurredAt}::timestamptz)`,
        })
        .where('campaign_id', '=', c.id)
        .where('customer_id', '=', r.customerId)
        .execute();
    }
  }
  return report;
}

async function* toAsync(text: string): AsyncIterable<string> {
  yield text;
}

const CONTACT_SPEC = {
  known: ['customer_external_id', 'channel', 'status', 'occurred_at'],
  required: ['customer_external_id', 'channel', 'status', 'occurred_at'],
} as const;

/**
 * Parses a contact-results CSV (`customer_external_id,channel,status,occurred_at`) and records the good rows;
 * every bad row is reported with its line and reason while the rest land.
 */
export async function importContactsCsv(
  deps: Pick<Deps, 'db' | 'now'>,
  input: ContactContext & { campaign: Campaign; csv: string },
): Promise<ContactReport> {
  const { db } = deps;
  const { campaign: c, csv, ...ctx } = input;
  const rows: Array<Omit<ContactInput, 'customerId'> & { externalId: string; line: number }> = [];
  const bad: Rejected[] = [];
  let header: ReturnType<typeof mapHeader> | null = null;
  for await (const rec of readCsv(toAsync(csv))) {
    if (!rec.ok) {
      bad.push({ line: rec.line, customerId: null, reason: rec.reason });
      continue;
    }
    if (!header) {
      header = mapHeader(CONTACT_SPEC, rec.fields);
      if (!header.ok) throw new ConcordError('BAD_INPUT', header.reason);
      continue;
    }
    if (!header.ok) break;
    const map = header.map;
    const get = (name: string) => cell(map, rec.fields, name);
    const status = get('status') as ContactStatus | null;
    const when = parseTimestamp(get('occurred_at') ?? '');
    if (!get('customer_external_id'))
      bad.push({ line: rec.line, customerId: null, reason: 'missing customer_external_id' });
    else if (!status || !(CONTACT_STATUSES as readonly string[]).includes(status))
      bad.push({ line: rec.line, customerId: null, reason: `invalid status "${status ?? ''}"` });
    else if (!when.ok) bad.push({ line: rec.line, customerId: null, reason: `occurred_at: ${when.reason}` });
    else
      rows.push({
        externalId: get('customer_external_id') ?? '',
        channel: (get('channel') ?? '').toLowerCase(),
        status,
        occurredAt: when.value,
        line: rec.line,
      });
  }
  if (!header) throw new ConcordError('BAD_INPUT', 'the file is empty');
  const ext = [...new Set(rows.map((r) => r.externalId))];
  const found = ext.length
    ? await db.selectFrom('customer').select(['id', 'external_id']).where('external_id', 'in', ext).execute()
    : [];
  const idOf = new Map(found.map((f) => [f.external_id, f.id]));
  const known: ContactInput[] = [];
  for (const r of rows) {
    const id = idOf.get(r.externalId);
    if (!id) bad.push({ line: r.line, customerId: null, reason: `unknown customer ${r.externalId}` });
    else
      known.push({
        customerId: id,
        channel: r.channel,
        status: r.status,
        occurredAt: r.occurredAt,
        line: r.line,
      });
  }
  const report = await recordContacts(deps, { ...ctx, campaign: c, rows: known });
  report.rejected = [...bad, ...report.rejected].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return report;
}
