// A collaboration change and its audit event commit together or not at all: failures are forced with database
// triggers at two points — when the audit event is appended, and at commit after it was appended.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf } from '../code-of.ts';
import { type RunningCleanroom, startCleanroomProcess, startTestNode, type TestNode } from './harness.ts';

let cleanroom: RunningCleanroom;
let bank: TestNode;
let insurer: TestNode;
beforeAll(async () => {
  cleanroom = await startCleanroomProcess('audit_atomicity');
  bank = await startTestNode(cleanroom, { label: 'atom_bank', name: 'Bank', industry: 'bank' });
  insurer = await startTestNode(cleanroom, { label: 'atom_insurer', name: 'Insurer', industry: 'insurance' });
}, 120_000);
afterAll(async () => {
  await bank?.stop();
  await insurer?.stop();
  await cleanroom?.stop();
});

type Failure = 'at_append' | 'after_append';

/** Makes the next audit append of `action` fail, either at the insert or at commit (a deferred trigger). */
async function failAudit(node: TestNode, action: string, when: Failure): Promise<void> {
  await sql`create or replace function test_fail_audit() returns trigger language plpgsql as $$
    begin
      if new.action = ${sql.lit(action)} then raise exception 'forced audit failure'; end if;
      return new;
    end $$`.execute(node.node.db);
  await sql`drop trigger if exists test_fail_audit on audit_event`.execute(node.node.db);
  await (when === 'at_append'
    ? sql`create trigger test_fail_audit before insert on audit_event
          for each row execute function test_fail_audit()`
    : sql`create constraint trigger test_fail_audit after insert on audit_event
          deferrable initially deferred for each row execute function test_fail_audit()`
  ).execute(node.node.db);
}

async function clearFailure(node: TestNode): Promise<void> {
  await sql`drop trigger if exists test_fail_audit on audit_event`.execute(node.node.db);
}

async function sealedSecret(node: TestNode, collaborationId: string): Promise<unknown> {
  const row = await node.node.db
    .selectFrom('collaboration')
    .select('sealed_secret')
    .where('id', '=', collaborationId)
    .executeTakeFirst();
  return row?.sealed_secret ?? null;
}

async function auditCount(node: TestNode, action: string): Promise<number> {
  const r = await node.node.db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', action)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const proposal = (name: string) => ({
  name,
  partnerIds: [bank.partnerId],
  purposes: ['marketing.cross_sell.partner_offers'],
  policy: { kMin: 5, crossSellLists: true, referralLists: false, epsilonBudget: 5 },
  expiresAt: new Date(Date.now() + 30 * 86_400_000),
});

describe('audit in the change transaction (collaborations)', () => {
  for (const when of ['at_append', 'after_append'] as const) {
    it(`propose: a failure ${when.replace('_', ' ')} leaves neither the mirror nor the event`, async () => {
      await failAudit(insurer, 'collaboration.propose', when);
      const code = await codeOf(
        insurer.as.compliance.collaborations.propose.mutate(proposal(`fail ${when}`)),
      );
      await clearFailure(insurer);
      expect(code).toBe('INTERNAL');
      const mirrors = await insurer.node.db
        .selectFrom('collaboration')
        .select('id')
        .where('name', '=', `fail ${when}`)
        .execute();
      expect(mirrors).toEqual([]);
      expect(await auditCount(insurer, 'collaboration.propose')).toBe(0);
    });
  }

  it('propose, approve and leave commit the change and its event together', async () => {
    const c = await insurer.as.compliance.collaborations.propose.mutate(proposal('works'));
    expect(await auditCount(insurer, 'collaboration.propose')).toBe(1);

    for (const when of ['at_append', 'after_append'] as const) {
      await failAudit(bank, 'collaboration.approve', when);
      const code = await codeOf(bank.as.compliance.collaborations.approve.mutate({ collaborationId: c.id }));
      await clearFailure(bank);
      expect(code).toBe('INTERNAL');
      const mirror = { sealed_secret: await sealedSecret(bank, c.id) };
      // The approval's local change is storing our sealed secret: absent, as is its event.
      expect(mirror.sealed_secret).toBeNull();
      expect(await auditCount(bank, 'collaboration.approve')).toBe(0);
    }

    // Approving again once the failure is gone: the clean room already holds the approval, the node completes it.
    await bank.as.compliance.collaborations.approve.mutate({ collaborationId: c.id });
    const approved = { sealed_secret: await sealedSecret(bank, c.id) };
    expect(approved.sealed_secret).not.toBeNull();
    expect(await auditCount(bank, 'collaboration.approve')).toBe(1);

    await failAudit(bank, 'collaboration.leave', 'after_append');
    const code = await codeOf(
      bank.as.compliance.collaborations.change.mutate({ collaborationId: c.id, action: 'leave' }),
    );
    await clearFailure(bank);
    expect(code).toBe('INTERNAL');
    const kept = { sealed_secret: await sealedSecret(bank, c.id) };
    // Leaving clears the secret locally; rolled back with its event.
    expect(kept.sealed_secret).not.toBeNull();
    expect(await auditCount(bank, 'collaboration.leave')).toBe(0);

    // Leaving again completes the local half (the clean room already has the bank as left).
    await bank.as.compliance.collaborations.change.mutate({ collaborationId: c.id, action: 'leave' });
    const gone = { sealed_secret: await sealedSecret(bank, c.id) };
    expect(gone.sealed_secret).toBeNull();
    expect(await auditCount(bank, 'collaboration.leave')).toBe(1);
  });
});
