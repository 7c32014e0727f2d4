// Invitations over HTTP: one-time codes bound to name + industry, redeemed by a node with its key; own rotation and
// revocation; no secret (code, credential) ever stored in clear — the idempotency cache included.
import { randomBytes, randomUUID } from 'node:crypto';
import { dumpAllTables } from '@concord/db/testing';
import { createCleanroomClient, createPublicClient } from '@concord/protocol/client';
import { codeOf } from '@concord/service/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCleanroom, type TestCleanroom } from './helpers.ts';

let cr: TestCleanroom;
beforeAll(async () => {
  cr = await startTestCleanroom('cr_invitations');
});
afterAll(() => cr.stop());

const key = () => randomBytes(32).toString('base64url');

/** Every value of every table of the clean room's database (text, and bytea in its encodings), to search. */
function dump(): Promise<string> {
  return dumpAllTables(cr.service.db);
}

describe('invitations', () => {
  it('a node redeems its code once with its key and gets a working credential bound to the invited name', async () => {
    const { invitation, code } = await cr.operator.invite({ name: 'Acme Retail', industry: 'retail' });
    expect(invitation.status).toBe('open');
    const join = createPublicClient({ baseUrl: cr.url, retries: 0 });
    const publicKey = key();
    const { partner, credential } = await join.redeemInvitation({ code, publicKey });
    expect(partner).toMatchObject({ name: 'Acme Retail', industry: 'retail', publicKey, status: 'active' });
    const node = createCleanroomClient({ baseUrl: cr.url, credential });
    expect((await node.whoami()).partner.id).toBe(partner.id);
    expect(await codeOf(join.redeemInvitation({ code, publicKey: key() }))).toBe('UNAUTHENTICATED');
    const listed = await cr.operator.listInvitations();
    expect(listed.invitations.find((i) => i.id === invitation.id)).toMatchObject({
      status: 'redeemed',
      partnerId: partner.id,
    });
    const stored = await dump();
    expect(stored).not.toContain(code);
    expect(stored).not.toContain(credential);
  });

  it('refuses an unknown, a revoked and an expired code', async () => {
    const join = createPublicClient({ baseUrl: cr.url, retries: 0 });
    expect(await codeOf(join.redeemInvitation({ code: `cci_${key()}`, publicKey: key() }))).toBe(
      'UNAUTHENTICATED',
    );
    const revoked = await cr.operator.invite({ name: 'Revoked Co', industry: 'retail' });
    await cr.operator.revokeInvitation({ invitationId: revoked.invitation.id });
    expect(await codeOf(join.redeemInvitation({ code: revoked.code, publicKey: key() }))).toBe(
      'UNAUTHENTICATED',
    );
    const expiring = await cr.operator.invite({ name: 'Late Co', industry: 'retail', ttlHours: 1 });
    // Move the invitation's expiry into the past instead of waiting for the clock.
    await cr.service.db
      .updateTable('invitations')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', expiring.invitation.id)
      .execute();
    expect(await codeOf(join.redeemInvitation({ code: expiring.code, publicKey: key() }))).toBe('EXPIRED');
    const statuses = (await cr.operator.listInvitations()).invitations.map((i) => [i.name, i.status]);
    expect(statuses).toContainEqual(['Revoked Co', 'revoked']);
    expect(statuses).toContainEqual(['Late Co', 'expired']);
  });

  it('a partner rotates and revokes its own credential; a new invitation re-binds the same partner', async () => {
    const join = createPublicClient({ baseUrl: cr.url, retries: 0 });
    const first = await cr.operator.invite({ name: 'Globex', industry: 'telecom' });
    const joined = await join.redeemInvitation({ code: first.code, publicKey: key() });
    const old = createCleanroomClient({ baseUrl: cr.url, credential: joined.credential, retries: 0 });
    const { credential } = await old.rotateOwnCredential();
    expect(await codeOf(old.whoami())).toBe('UNAUTHENTICATED');
    const rotated = createCleanroomClient({ baseUrl: cr.url, credential, retries: 0 });
    expect((await rotated.whoami()).partner.id).toBe(joined.partner.id);
    await rotated.revokeOwnCredential();
    expect(await codeOf(rotated.whoami())).toBe('UNAUTHENTICATED');
    const again = await cr.operator.invite({ name: 'Globex', industry: 'telecom' });
    const publicKey = key();
    const back = await join.redeemInvitation({ code: again.code, publicKey });
    expect(back.partner).toMatchObject({ id: joined.partner.id, publicKey, status: 'active' });
    expect(await codeOf(cr.operator.invite({ name: 'Globex', industry: 'bank' }))).toBe('CONFLICT');
    const stored = await dump();
    for (const secret of [joined.credential, credential, back.credential, again.code]) {
      expect(stored).not.toContain(secret);
    }
  });

  it('a replayed credential-issuing request answers ALREADY_ISSUED instead of a cached secret', async () => {
    const idempotencyKey = randomUUID();
    const input = { name: `Replay ${randomUUID().slice(0, 8)}`, industry: 'retail', publicKey: key() };
    const first = await cr.operator.addPartner(input, { idempotencyKey });
    expect(first.credential).toMatch(/^ccp_/);
    expect(await codeOf(cr.operator.addPartner(input, { idempotencyKey }))).toBe('ALREADY_ISSUED');
    expect(await dump()).not.toContain(first.credential);
  });

  it('a replayed invitation answers ALREADY_ISSUED: one invitation, its code never stored', async () => {
    const idempotencyKey = randomUUID();
    const input = { name: `Invited ${randomUUID().slice(0, 8)}`, industry: 'retail' as const };
    const first = await cr.operator.invite(input, { idempotencyKey });
    expect(await codeOf(cr.operator.invite(input, { idempotencyKey }))).toBe('ALREADY_ISSUED');
    const listed = (await cr.operator.listInvitations()).invitations.filter((i) => i.name === input.name);
    expect(listed.map((i) => i.id)).toEqual([first.invitation.id]);
    expect(await dump()).not.toContain(first.code);
    // The change happened once: the code from the first answer still works.
    const join = createPublicClient({ baseUrl: cr.url, retries: 0 });
    const joined = await join.redeemInvitation({ code: first.code, publicKey: key() });
    expect(joined.partner.name).toBe(input.name);
    expect(await dump()).not.toContain(joined.credential);
  });
});
