/**
 * Authorization matrix: every node procedure × every role (and anonymous) → allowed, or the exact error code.
 * The procedures are enumerated from appRouter itself, so a new procedure without a row fails this test.
 *
 * HOW TO ADD A ROW (one entry per procedure path, in MATRIX below):
 *   'segments.create': { allow: ['marketer'], input: { name: 'x', rule: { … } } },
 * - `allow`: the roles that pass authorization, or 'public' when anonymous callers may call it too,
 *   or 'signed-in' for every role (e.g. auth.me).
 * - `input` (optional): an input that passes validation, so allowed calls reach the domain code. Allowed calls
 *   may still fail for domain reasons (NOT_FOUND on a made-up id is fine); they only must not fail authorization.
 * Expected outcome, derived: allowed → any result except UNAUTHENTICATED/FORBIDDEN; other roles → FORBIDDEN;
 * anonymous → UNAUTHENTICATED (unless 'public'). Keep the roles in line with docs/security.md.
 */
import type { Role } from '@concord/access';
import { ROLES } from '@concord/access';
import type { TestDatabase } from '@concord/db/testing';
import { concordCodeOf } from '@concord/service/trpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/api/router.ts';
import { createUser } from '../src/auth/users.ts';
import type { Database } from '../src/db/database.ts';
import { caller, openDb } from './consent/helpers.ts';

interface Row {
  allow: Role[] | 'public' | 'signed-in';
  input?: unknown;
}

const UUID = '00000000-0000-4000-8000-0000000000ff';
const ALL: Role[] = [...ROLES];
const CM: Role[] = ['compliance', 'marketer'];

const MATRIX: Record<string, Row> = {
  // system
  'system.health': { allow: 'public' },
  'system.identity': { allow: 'public' },
  'system.status': { allow: 'signed-in' },
  // CRM
  'customers.list': { allow: ALL },
  'customers.table': { allow: ALL },
  'customers.get': { allow: ALL },
  'customers.timeline': { allow: ALL },
  'customers.create': { allow: ['admin'] },
  'customers.update': { allow: ['admin'] },
  'customers.delete': { allow: ['admin'] },
  'customers.restore': { allow: ['admin'] },
  // Issue 16: the working record (owner-scoped for marketers), notes, the service desk, global search.
  'customers.updateProfile': { allow: ['admin', 'marketer'], input: { id: UUID, patch: {} } },
  'customers.assignOwner': { allow: ['admin', 'marketer'], input: { id: UUID, ownerId: null } },
  'customers.bulkAddTag': { allow: ['admin', 'marketer'], input: { ids: [UUID], tag: 'vip' } },
  'customers.bulkAssignOwner': { allow: ['admin', 'marketer'], input: { ids: [UUID], ownerId: null } },
  'customers.accountManagers': { allow: ALL },
  'customers.addNote': { allow: ['admin', 'marketer'], input: { customerId: UUID, body: 'called back' } },
  'customers.serviceDesk': { allow: ALL, input: { customerId: UUID } },
  'search.global': { allow: 'signed-in', input: { q: 'anna' } },
  'interactions.log': { allow: ['marketer'] },
  'interactions.update': { allow: ['marketer'] },
  'interactions.delete': { allow: ['marketer'] },
  'interactions.restore': { allow: ['marketer'] },
  'followups.list': { allow: ['admin', 'marketer'] },
  'followups.overdue': { allow: ['admin', 'marketer'] },
  'followups.create': { allow: ['marketer'] },
  'followups.update': { allow: ['marketer'] },
  'imports.list': { allow: ['admin'] },
  'imports.get': { allow: ['admin'] },
  'imports.errors': { allow: ['admin'] },
  'imports.warnings': { allow: ['admin'] },
  'imports.rejectedCsv': { allow: ['admin'], input: { id: UUID } },
  'imports.formats': { allow: ['admin'] },
  'imports.templates': { allow: ['admin'], input: { kind: 'customers' } },
  'imports.saveTemplate': {
    allow: ['admin'],
    input: { kind: 'customers', name: 'CRM export', mapping: { Kundennummer: 'external_id' } },
  },
  'imports.deleteTemplate': { allow: ['admin'], input: { id: UUID } },
  // Saved views: every role keeps its own; the table's subject decides (customers: every role reads them).
  'views.list': { allow: ALL, input: { table: 'customers' } },
  'views.save': { allow: ALL, input: { table: 'customers', name: 'Mine', state: { sort: 'city' } } },
  'views.delete': { allow: ALL, input: { id: UUID } },
  'duplicates.list': { allow: ALL },
  'duplicates.scan': { allow: ['admin'] },
  'duplicates.dismiss': { allow: ['admin'], input: { customerA: UUID, customerB: UUID } },
  'duplicates.merge': { allow: ['admin'], input: { survivorId: UUID, mergedId: UUID } },
  'duplicates.unmerge': { allow: ['admin'], input: { mergeId: UUID } },
  'segments.preview': { allow: CM },
  'segments.options': { allow: CM },
  'segments.list': { allow: CM },
  'segments.get': { allow: CM },
  'segments.members': { allow: CM },
  'segments.create': { allow: ['marketer'] },
  'segments.update': { allow: ['marketer'] },
  'segments.delete': { allow: ['marketer'] },
  'segments.restore': { allow: ['marketer'] },
  'segments.materialize': { allow: ['marketer'] },
  'analytics.purchaseBreakdown': { allow: ['marketer'] },
  'analytics.rfm': { allow: ['marketer'] },
  'analytics.customerTrend': { allow: ['marketer'] },
  'analytics.crossTab': { allow: ['marketer'], input: { rows: 'sex' } },
  'analytics.policy': { allow: CM },
  'analytics.setPolicy': { allow: ['compliance'], input: { minCellSize: 10 } },
  'demographics.get': { allow: ['admin', 'compliance'], input: { customerId: UUID } },
  'demographics.update': { allow: ['admin'], input: { customerId: UUID, patch: { sex: 'female' } } },
  'sensitive.releases': { allow: CM },
  'sensitive.setRelease': { allow: ['compliance'], input: { purpose: 'p', fields: [], channels: [] } },
  'surveys.create': {
    allow: ['marketer'],
    input: { key: 'matrix', name: 'x', questions: [{ key: 'n', kind: 'nps', label: 'n' }] },
  },
  'surveys.list': { allow: ['marketer'] },
  'surveys.respond': {
    allow: ['marketer'],
    input: { survey: 'matrix', customerId: UUID, answers: { n: '5' } },
  },
  'surveys.nps': { allow: ['marketer'], input: {} },
  'surveys.csat': { allow: ['marketer'], input: {} },
  'surveys.search': { allow: ['marketer'], input: { q: 'x' } },
  'surveys.customerScores': { allow: ['marketer'], input: { customerId: UUID } },
  'loyalty.programme': { allow: ['admin', 'marketer'] },
  'loyalty.setProgramme': {
    allow: ['admin'],
    input: { pointsPerUnit: 1, expiryMonths: 12, qualifyingMonths: 12, multipliers: {}, tiers: [] },
  },
  'loyalty.runSchedule': { allow: ['admin'] },
  'loyalty.overview': { allow: ['admin', 'marketer'] },
  'loyalty.member': { allow: ['admin', 'marketer'], input: { customerId: UUID } },
  'value.refresh': { allow: ['marketer'] },
  'value.summary': { allow: ['marketer'] },
  'value.customer': { allow: ALL, input: { customerId: UUID } },
  // auth and users
  'auth.login': { allow: 'public', input: { email: 'matrix@bank.test', password: 'role grid passphrase' } },
  'auth.logout': { allow: 'public' },
  'auth.me': { allow: 'signed-in' },
  'auth.changePassword': {
    allow: 'signed-in',
    input: { currentPassword: 'not it', newPassword: 'a new long password' },
  },
  'setup.status': { allow: 'public' },
  'setup.complete': {
    allow: 'public',
    input: { code: 'AAAAA-BBBBB', email: 'first@bank.test', password: 'a long password' },
  },
  'cleanroom.join': { allow: ['admin'], input: { code: 'cci_not-a-real-code' } },
  'cleanroom.rotate': { allow: ['admin'] },
  'cleanroom.revoke': { allow: ['admin'] },
  'users.list': { allow: ['admin'] },
  'users.create': {
    allow: ['admin'],
    input: { email: 'new@bank.test', role: 'marketer', password: 'a long password' },
  },
  'users.update': { allow: ['admin'], input: { id: UUID, displayName: 'X' } },
  'users.unlock': { allow: ['admin'], input: { id: UUID } },
  // Every role manages its own tokens (row-scoped); issuing for someone else: test/auth/credential-matrix.test.ts.
  'users.listTokens': { allow: 'signed-in' },
  'users.createToken': { allow: 'signed-in', input: { name: 'cli' } },
  'users.revokeToken': { allow: 'signed-in', input: { id: UUID } },
  // consent
  'consent.purposes': { allow: CM },
  'consent.history': { allow: CM, input: { customerId: UUID } },
  'consent.current': { allow: CM, input: { customerId: UUID } },
  'consent.check': {
    allow: CM,
    input: { customerId: UUID, purpose: 'marketing.referral', recipient: { industry: 'insurance' } },
  },
  'consent.record': {
    allow: ['compliance'],
    input: {
      customerId: UUID,
      purpose: 'marketing.referral',
      state: 'given',
      recipientIndustries: ['insurance'],
      collectionMethod: 'web_form',
      source: 'matrix',
      capturedAt: '2026-01-01T00:00:00Z',
    },
  },
  'consent.withdraw': { allow: CM, input: { customerId: UUID } },
  'consent.gpc': { allow: CM, input: { customerId: UUID, source: 'web' } },
  'consent.import': {
    allow: ['admin', 'compliance'],
    input: { csv: 'customer_external_id,purpose,state,captured_at\n' },
  },
  // A compliance/system action (docs/security.md, policy decisions): marketers only withdraw.
  'consent.sweepExpired': { allow: ['compliance'] },
  'rules.list': { allow: CM },
  'rules.history': { allow: CM },
  'rules.set': {
    allow: ['compliance'],
    input: {
      purpose: 'marketing',
      allowedIndustries: ['insurance'],
      maxConsentAgeDays: 365,
      kMin: 50,
      listsAllowed: true,
      retentionDays: 90,
    },
  },
  'notices.list': { allow: CM },
  'notices.get': { allow: CM, input: { id: UUID } },
  'notices.publish': {
    allow: ['compliance'],
    input: { key: 'matrix', title: 'T', language: 'en', body: 'text', purposes: ['marketing'] },
  },
  'audit.list': { allow: ['compliance'] },
  'audit.verify': { allow: ['compliance'] },
  'audit.export': { allow: ['compliance'] },
  'audit.partnerRequests': { allow: ['compliance'] },
  'privacy.report': { allow: ['compliance'], input: { customerId: UUID } },
  'privacy.erase': { allow: ['compliance'], input: { customerId: UUID } },
  'privacy.requests.list': { allow: ['compliance'] },
  'privacy.requests.get': { allow: ['compliance'], input: { id: UUID } },
  'privacy.requests.create': {
    allow: ['compliance'],
    input: { kind: 'access', customerId: UUID, channel: 'email', receivedAt: '2026-11-01T00:00:00Z' },
  },
  'privacy.requests.assign': { allow: ['compliance'], input: { id: UUID, ownerId: UUID } },
  'privacy.requests.extend': { allow: ['compliance'], input: { id: UUID, reason: 'many requests at once' } },
  'privacy.requests.carryOut': { allow: ['compliance'], input: { id: UUID } },
  'privacy.requests.check': { allow: ['compliance'] },
  'privacy.requests.import': {
    allow: ['compliance'],
    input: { csv: 'kind,customer_external_id,channel,received_at\n' },
  },
  'privacy.requests.exportAccess': { allow: ['compliance'], input: { id: UUID } },
  // federation
  'collaborations.list': { allow: CM },
  'collaborations.get': { allow: CM },
  'collaborations.partners': { allow: CM },
  'collaborations.propose': { allow: ['compliance'] },
  'collaborations.approve': { allow: ['compliance'] },
  'collaborations.change': { allow: ['compliance'] },
  'publications.publish': { allow: ['marketer'] },
  'publications.list': { allow: CM },
  'publications.partners': { allow: CM },
  'publications.withdrawals': { allow: CM },
  'matches.request': { allow: ['marketer'] },
  'matches.list': { allow: CM },
  'lists.delivered': { allow: CM },
  'lists.list': { allow: CM },
  'lists.members': { allow: CM },
  // Storing an audience is marketing work: compliance reads lists but does not store them.
  'lists.fetch': { allow: ['marketer'] },
  'lists.export': { allow: ['marketer'] },
  'lists.rename': { allow: ['marketer'], input: { listId: UUID, name: 'Spring' } },
  'lists.archive': { allow: ['marketer'], input: { listId: UUID } },
  'lists.unarchive': { allow: ['marketer'], input: { listId: UUID } },
  'lists.delete': { allow: ['marketer'], input: { listId: UUID } },
  // campaigns (docs/campaigns.md): marketers run them, compliance reads them
  'campaigns.list': { allow: CM },
  'campaigns.get': { allow: CM, input: { campaignId: UUID } },
  'campaigns.create': {
    allow: ['marketer'],
    input: {
      name: 'x',
      audience: { kind: 'segment', segmentId: UUID, purpose: 'marketing' },
      channels: ['email'],
      offer: { category: 'c' },
      startsOn: '2026-11-30',
    },
  },
  'campaigns.launch': { allow: ['marketer'], input: { campaignId: UUID } },
  'campaigns.members': { allow: CM, input: { campaignId: UUID } },
  'campaigns.recordContacts': {
    allow: ['marketer'],
    input: {
      campaignId: UUID,
      contacts: [{ customerId: UUID, channel: 'email', status: 'sent', occurredAt: '2026-11-30T10:00:00Z' }],
    },
  },
  'campaigns.importContacts': { allow: ['marketer'], input: { campaignId: UUID, csv: 'a' } },
  'campaigns.exportChannel': { allow: ['marketer'], input: { campaignId: UUID, channel: 'email' } },
  'campaigns.results': { allow: CM, input: { campaignId: UUID } },
  'campaigns.collaborationResults': { allow: CM, input: { collaborationId: UUID } },
  'campaigns.publishMeasurement': { allow: ['marketer'], input: { campaignId: UUID } },
  'campaigns.partnerMeasurements': { allow: CM },
  'campaigns.partnerResult': { allow: CM, input: { measurementId: UUID } },
  'channels.analytics': { allow: ['marketer'], input: { from: '2026-01-01', to: '2026-12-01' } },
  'channels.costs': { allow: ['marketer'] },
  'channels.setCost': { allow: ['marketer'], input: { source: 's', medium: 'm', month: '2026-11', cost: 1 } },
  'deals.board': { allow: ['marketer'] },
  'deals.forecast': { allow: ['marketer'] },
  'deals.create': {
    allow: ['marketer'],
    input: { title: 't', customerId: UUID, amount: 1, expectedClose: '2026-12-01' },
  },
  'deals.update': { allow: ['marketer'], input: { id: UUID, patch: { stage: 'won' } } },
  'deals.fromResponse': {
    allow: ['marketer'],
    input: { campaignId: UUID, customerId: UUID, amount: 1, expectedClose: '2026-12-01' },
  },
  'lists.exportWithDemographics': { allow: ['marketer'], input: { listId: UUID, fields: ['sex'] } },
};

const procedures = Object.keys(appRouter._def.procedures as Record<string, unknown>).sort();

let tdb: TestDatabase<Database>;
beforeAll(async () => {
  tdb = await openDb('authz_matrix');
  await createUser(
    { db: tdb.db },
    { email: 'matrix@bank.test', role: 'marketer', password: 'role grid passphrase' },
  );
});
afterAll(() => tdb.destroy());

type Callable = (input?: unknown) => Promise<unknown>;

function procedureOf(who: Role | null, path: string): Callable {
  let node: unknown = caller(tdb.db, who);
  for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
  return node as Callable;
}

async function outcome(who: Role | null, path: string, input: unknown): Promise<string> {
  try {
    await procedureOf(who, path)(input);
    return 'OK';
  } catch (error) {
    return concordCodeOf(error) ?? 'UNKNOWN';
  }
}

function expected(row: Row, who: Role | null): 'allowed' | 'UNAUTHENTICATED' | 'FORBIDDEN' {
  if (row.allow === 'public') return 'allowed';
  if (who === null) return 'UNAUTHENTICATED';
  if (row.allow === 'signed-in' || row.allow.includes(who)) return 'allowed';
  return 'FORBIDDEN';
}

describe('authorization matrix', () => {
  it('has exactly one row per procedure of the router', () => {
    expect(procedures.filter((p) => !(p in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((p) => !procedures.includes(p))).toEqual([]);
  });

  it.each(procedures.filter((p) => p in MATRIX))('%s', async (path) => {
    const row = MATRIX[path]!;
    const got: Record<string, string> = {};
    const want: Record<string, string> = {};
    for (const who of [null, ...ROLES] as const) {
      const code = await outcome(who, path, row.input);
      const exp = expected(row, who);
      const key = who ?? 'anonymous';
      want[key] = exp;
      got[key] =
        exp === 'allowed' ? (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' ? code : 'allowed') : code;
    }
    expect(got).toEqual(want);
  });
});
