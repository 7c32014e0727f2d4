// Compliance rules per purpose, versioned with author and time: a change is a new version, never an edit.

import { ruleFor } from '@concord/consent/eligibility';
import { nextVersion } from '@concord/db';
import { ConcordError } from '@concord/protocol/errors';
import { type Kysely, sql } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import type { Actor } from '../auth/actor.ts';
import { auditActor } from '../auth/actor.ts';
import { onRuleChanged } from '../collab/rule-change.ts';
import type { Database } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Deps } from '../deps.ts';

export interface ComplianceRule {
  id: number;
  purpose: string;
  version: number;
  /** Partner industries that may receive data for this purpose (`*` = any). */
  allowedIndustries: string[];
  /** Consent captured longer ago than this no longer counts (null = no limit). */
  maxConsentAgeDays: number | null;
  /** Floor for any count or list released for this purpose. */
  kMin: number;
  /** Whether cross-sell/referral lists may be released (otherwise insight counts only). */
  listsAllowed: boolean;
  /** How long published data may be kept at the clean room. */
  retentionDays: number;
  note: string | null;
  authorId: string | null;
  createdAt: Date;
}

export interface RuleInput {
  purpose: string;
  allowedIndustries: string[];
  maxConsentAgeDays: number | null;
  kMin: number;
  listsAllowed: boolean;
  retentionDays: number;
  note?: string | null;
}

type RuleRow = {
  id: number;
  purpose: string;
  version: number;
  allowed_industries: string[];
  max_consent_age_days: number | null;
  k_min: number;
  lists_allowed: boolean;
  retention_days: number;
  note: string | null;
  author_id: string | null;
  created_at: Date;
};

function toRule(r: RuleRow): ComplianceRule {
  return {
    id: Number(r.id),
    purpose: r.purpose,
    version: r.version,
    allowedIndustries: r.allowed_industries,
    maxConsentAgeDays: r.max_consent_age_days,
    kMin: r.k_min,
    listsAllowed: r.lists_allowed,
    retentionDays: r.retention_days,
    note: r.note,
    authorId: r.author_id,
    createdAt: r.created_at,
  };
}

/** Writes the next version of the rule for a purpose (audited). */
export async function setRule(
  deps: Pick<Deps, 'db' | 'now'>,
  input: RuleInput & { actor: Actor },
): Promise<ComplianceRule> {
  const { actor } = input;
  if (input.allowedIndustries.length === 0)
    throw new ConcordError('BAD_INPUT', 'allow at least one industry');
  const now = deps.now();
  return inTransaction(deps.db, async (trx) => {
    // Serialize writers of the same purpose so two edits cannot claim the same version number.
    await sql`select pg_advisory_xact_lock(hashtext(${`concord.rule.${input.purpose}`}))`.execute(trx);
    const row = await trx
      .insertInto('consent_rule')
      .values({
        purpose: input.purpose,
        version: await nextVersion(trx, 'consent_rule', 'purpose', input.purpose),
        allowed_industries: input.allowedIndustries,
        max_consent_age_days: input.maxConsentAgeDays,
        k_min: input.kMin,
        lists_allowed: input.listsAllowed,
        retention_days: input.retentionDays,
        note: input.note ?? null,
        author_id: actor.id,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const rule = toRule(row);
    // Tightening reaches live publications now; loosening waits for the next publish (collab/rule-change.ts).
    const removalsQueued = await onRuleChanged(trx, now);
    await appendAudit(trx, {
      action: 'rule.changed',
      subjectType: 'ConsentRule',
      subjectId: rule.purpose,
      ...auditActor(actor),
      at: now,
      data: {
        version: rule.version,
        allowedIndustries: rule.allowedIndustries,
        maxConsentAgeDays: rule.maxConsentAgeDays,
        kMin: rule.kMin,
        listsAllowed: rule.listsAllowed,
        retentionDays: rule.retentionDays,
        removalsQueued,
      },
    });
    return rule;
  });
}

/** The rule version in force for every purpose at `at` (the latest created at or before it). */
export async function rulesInForce(db: Kysely<Database>, at: Date): Promise<ComplianceRule[]> {
  const rows = await db
    .selectFrom('consent_rule')
    .selectAll()
    .distinctOn('purpose')
    .where('created_at', '<=', at)
    .orderBy('purpose')
    .orderBy('version', 'desc')
    .execute();
  return rows.map(toRule);
}

/** The rule that governs `purpose` at `at`: its own, else its nearest ancestor's (e.g. `marketing`). */
export async function ruleForPurpose(
  db: Kysely<Database>,
  purpose: string,
  at: Date,
): Promise<ComplianceRule | undefined> {
  return ruleFor(await rulesInForce(db, at), purpose);
}

export async function ruleHistory(db: Kysely<Database>, purpose?: string): Promise<ComplianceRule[]> {
  let q = db.selectFrom('consent_rule').selectAll().orderBy('purpose').orderBy('version', 'desc');
  if (purpose) q = q.where('purpose', '=', purpose);
  return (await q.execute()).map(toRule);
}
