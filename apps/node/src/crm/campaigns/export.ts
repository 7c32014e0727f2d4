// Mass channels: an import file for an email/SMS service (Mailchimp-style audience CSV) with consent columns.
// Consent is re-checked right before the file is built; anyone who fails is skipped, not exported.
import { formatPhoneInternational } from '@concord/identity';
import { ConcordError } from '@concord/protocol/errors';
import { sql } from 'kysely';
import { appendAudit } from '../../audit/log.ts';
import { type Actor, auditActor } from '../../auth/actor.ts';
import { csvCell } from '../../collab/audience.ts';
import type { Campaign } from '../../db/tables/marketing.table.ts';
import { atOneInstant, type Deps } from '../../deps.ts';
import { isPersonal } from './channels.ts';
import { blockedMembers, markSkipped } from './consent.ts';

interface Row {
  customer_id: string;
  external_id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
}

const HEADER = [
  'Email Address',
  'Phone Number',
  'First Name',
  'Last Name',
  'Address',
  'External ID',
  'Campaign',
  'Offer',
  'Consent Purpose',
  'Consent Status',
  'Consent Checked At',
];

export async function exportMassChannel(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { campaign: Campaign; channel: string; actor: Actor; ownIndustry: string },
): Promise<{ filename: string; csv: string; rows: number; skipped: Record<string, number> }> {
  const { db } = deps;
  const { campaign: c, channel } = input;
  const at = atOneInstant(deps);
  const now = at.now();
  if (c.status !== 'launched') throw new ConcordError('CONFLICT', `campaign is ${c.status}, not launched`);
  if (!c.channels.includes(channel) || isPersonal(channel)) {
    throw new ConcordError('BAD_INPUT', `${channel} is not a mass channel of this campaign`);
  }
  const { rows } = await sql<Row>`
    select cu.id::text as customer_id, cu.external_id, cu.first_name, cu.last_name, cu.street, cu.postal_code,
      cu.city, cu.country,
      (select e.raw from customer_identifier e where e.customer_id = cu.id and e.id_type = 'email'
        and e.status = 'valid' order by e.position limit 1) as email,
      (select p.normalized from customer_identifier p where p.customer_id = cu.id and p.id_type = 'phone'
        and p.status = 'valid' order by p.position limit 1) as phone
    from campaign_member m join customer cu on cu.id = m.customer_id
    where m.campaign_id = ${c.id}::uuid and m.grp = 'treatment' and m.skipped_reason is null
    order by cu.external_id`.execute(db);
  const blocked = await blockedMembers(at, {
    campaign: c,
    customerIds: rows.map((r) => r.customer_id),
    ownIndustry: input.ownIndustry,
  });
  await markSkipped(at, { campaignId: c.id, blocked });
  const skipped: Record<string, number> = {};
  for (const reason of blocked.values()) skipped[reason] = (skipped[reason] ?? 0) + 1;
  const checkedAt = now.toISOString();
  // Phones are stored normalized (E.164); the file carries them in international format.
  for (const r of rows) if (r.phone) r.phone = formatPhoneInternational(r.phone);
  const reachable = rows.filter(
    (r) =>
      !blocked.has(r.customer_id) && (channel === 'sms' ? r.phone : channel === 'mail' ? r.city : r.email),
  );
  const lines = reachable.map((r) =>
    [
      r.email,
      r.phone,
      r.first_name,
      r.last_name,
      [r.street, r.postal_code, r.city, r.country].filter(Boolean).join(', ') || null,
      r.external_id,
      c.name,
      c.offer_product ?? c.offer_category,
      c.purpose,
      'given',
      checkedAt,
    ]
      .map(csvCell)
      .join(','),
  );
  await db.transaction().execute((trx) =>
    appendAudit(trx, {
      action: 'campaign.export',
      subjectType: 'Campaign',
      subjectId: c.id,
      ...auditActor(input.actor),
      at: now,
      data: { channel, rows: lines.length, skipped },
    }),
  );
  return {
    filename: `campaign-${c.id.slice(0, 8)}-${channel}.csv`,
    csv: `${HEADER.join(',')}\n${lines.join('\n')}${lines.length ? '\n' : ''}`,
    rows: lines.length,
    skipped,
  };
}
