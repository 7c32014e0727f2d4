// CASL abilities per role — the single source of who may do what, shared by the node server and the console.
import {
  AbilityBuilder,
  createMongoAbility,
  type MongoAbility,
  type RawRuleOf,
  subject,
} from '@casl/ability';
import { type PackRule, packRules, unpackRules } from '@casl/ability/extra';

export const ROLES = ['admin', 'compliance', 'marketer'] as const;
export type Role = (typeof ROLES)[number];

// biome-ignore format: a vocabulary reads best as a short paragraph
export const ACTIONS = [
  'manage', 'read', 'create', 'update', 'delete', 'import',
  'export', 'publish', 'approve', 'request', 'verify', 'erase',
] as const;
export type Action = (typeof ACTIONS)[number];

export const SUBJECTS = [
  'Customer',
  'Interaction',
  'FollowUp',
  'Import',
  'Segment',
  'Analytics',
  'Consent',
  'ConsentRule',
  'Notice',
  'Collaboration',
  'Publication',
  'Match',
  'AudienceList',
  'AuditLog',
  'User',
  /** Personal API tokens for the CLI (`Authorization: Bearer`): issued by their holder, carrying the holder's role. */
  'ApiToken',
  'Credential',
  /** The Art. 19 "where did this person's data go" report. */
  'DataTrail',
  /** Data-subject requests (Art. 15/17/21, withdrawals) as records with a deadline: the compliance queue. */
  'PrivacyRequest',
  /** The clean room's record of every match and list that touched this partner's data, and ε spent. */
  'PartnerAudit',
  'NodeHealth',
  /** Clean room operator subjects (operatorRules below); no node role is ever granted them. */
  'Partner',
  'Invitation',
  'CleanroomActivity',
  'CleanroomHealth',
  'Retention',
  /** Marketing campaigns (audience, holdout, contacts, results, cross-partner measurement). */
  'Campaign',
  /** Sales opportunities (pipeline, forecast). */
  'Deal',
  /** Acquisition channel costs per month (analytics by channel). */
  'ChannelCost',
  /** Sensitive demographic fields of one customer (marketers only ever see them aggregated, under the k floor). */
  'Demographics',
  /** Survey definitions and responses. */
  'Survey',
  /** Loyalty programme settings, members and point events. */
  'Loyalty',
  /** The node's analytics policy: minimum cell size k, margin rate, CLV and value-tier parameters. */
  'AnalyticsPolicy',
  /** A user's own named table views in the console (search, sort, filters); owner-scoped for every role. */
  'SavedView',
  /**
   * The working customer record: contact fields, tags, social profiles and account manager (owner). Condition
   * field `ownerId` (the customer's owner_id) scopes marketers to their own and unowned customers.
   */
  'CustomerProfile',
  /** Notes on a customer (author and time, shown on the timeline). */
  'CustomerNote',
  'all',
] as const;
export type Subject = (typeof SUBJECTS)[number];

export type AppAbility = MongoAbility<[Action, Subject | Record<string, unknown>]>;
export type AppRule = RawRuleOf<AppAbility>;

export interface AbilityUser {
  id: string;
  role: Role;
}

type Can = AbilityBuilder<AppAbility>['can'];

/** Builds the rules for a user; the same rules go to the console (`packRules`) for `<Can>`. */
export function rulesFor(user: AbilityUser): AppRule[] {
  const { can, rules } = new AbilityBuilder<AppAbility>(createMongoAbility);
  // Every signed-in user may see whether the node is healthy; nothing else is shared across roles.
  can('read', 'NodeHealth');
  // Saved table views are personal: each user reads and changes only their own (queries use abilityWhere).
  can(['read', 'create', 'update', 'delete'], 'SavedView', { ownerId: user.id });
  // Separation of duties: everyone issues, sees and revokes their own API tokens, which carry their own role.
  // Nobody — not even an admin — issues a token for someone else: that would let them act in a role they lack.
  can(['read', 'create', 'delete'], 'ApiToken', { userId: user.id });
  switch (user.role) {
    case 'admin':
      adminRules(can);
      break;
    case 'compliance':
      complianceRules(can);
      break;
    case 'marketer':
      marketerRules(can, user);
      break;
  }
  return rules;
}

function adminRules(can: Can): void {
  can(['read', 'create', 'update', 'delete'], 'User');
  // Admins see every token and can revoke a leaked one; issuing stays with the holder (rule above).
  can(['read', 'delete'], 'ApiToken');
  can(['read', 'create', 'update', 'delete'], 'Credential');
  can(['read', 'create'], 'Import');
  can('import', ['Customer', 'Interaction', 'Consent']);
  can('read', ['Customer', 'Interaction', 'FollowUp']);
  // Master data upkeep: fix a record, soft-delete and restore it (hard erasure stays with compliance).
  can(['create', 'update', 'delete'], 'Customer');
  can(['read', 'update', 'import'], 'Demographics');
  can(['read', 'update', 'import'], 'Loyalty');
  can('import', 'Survey');
  // Master data upkeep covers every record's profile and its account manager.
  can('update', 'CustomerProfile');
  can('create', 'CustomerNote');
}

function complianceRules(can: Can): void {
  can(['read', 'create', 'update'], ['ConsentRule', 'Notice', 'Consent']);
  can('import', 'Consent');
  can(['read', 'create', 'approve', 'update'], 'Collaboration');
  can(['read', 'verify', 'export'], 'AuditLog');
  can(['read', 'erase'], 'Customer');
  can('read', 'DataTrail');
  can('read', 'Demographics');
  can(['read', 'update'], 'AnalyticsPolicy');
  can(['read', 'create', 'update'], 'PrivacyRequest');
  can('read', 'PartnerAudit');
  can('read', ['Interaction', 'Publication', 'AudienceList', 'Segment', 'Match']);
  // Oversight of what campaigns did with partner lists (who was skipped for consent, what was measured).
  can('read', 'Campaign');
}

function marketerRules(can: Can, user: AbilityUser): void {
  can('read', [
    'Customer',
    'Interaction',
    'Consent',
    'ConsentRule',
    'Notice',
    'Analytics',
    'Collaboration',
    'Publication',
    'Match',
  ]);
  // Customer-facing staff must be able to take a withdrawal or GPC opt-out as easily as consent was given.
  can('update', 'Consent');
  can(['read', 'create', 'update', 'delete'], 'Segment');
  // Marketers see and work their own follow-ups only; list queries apply this via abilityWhere (./sql.ts).
  can(['read', 'update'], 'FollowUp', { ownerId: user.id });
  can('create', 'FollowUp');
  can('publish', 'Publication');
  can('request', 'Match');
  // `create`: resolve a delivered list into a stored audience (lists.fetch). Compliance only reads lists:
  // storing an audience is a marketing action, not oversight (docs/security.md, policy decisions).
  can(['read', 'create', 'export'], 'AudienceList');
  can(['create', 'update'], 'Interaction');
  can(['read', 'create', 'update', 'publish'], 'Campaign');
  can(['read', 'create', 'update'], ['Deal', 'ChannelCost']);
  can(['read', 'create', 'update'], 'Survey');
  can('read', ['Loyalty', 'AnalyticsPolicy']);
  // Account managers edit the customers they own and unowned ones; another manager's customer is read-only.
  can('update', 'CustomerProfile', { ownerId: user.id });
  can('update', 'CustomerProfile', { ownerId: null });
  can('create', 'CustomerNote');
  // Lists they stored: rename, archive, delete (the audit trail keeps the list's provenance).
  can(['update', 'delete'], 'AudienceList');
}

export function defineAbilityFor(user: AbilityUser): AppAbility {
  return createMongoAbility<AppAbility>(rulesFor(user));
}

/**
 * The clean room operator (operator console, `concord cleanroom …`): runs the partner registry and watches the
 * service; reads collaborations and activity as metadata only. It holds no node role's rules.
 */
export function operatorRules(): AppRule[] {
  const { can, rules } = new AbilityBuilder<AppAbility>(createMongoAbility);
  can(['read', 'create', 'update'], 'Partner');
  can(['read', 'create', 'delete'], 'Invitation');
  can('read', ['Collaboration', 'CleanroomActivity', 'CleanroomHealth']);
  can(['read', 'verify'], 'AuditLog');
  can('update', 'Retention');
  return rules;
}

export function defineOperatorAbility(): AppAbility {
  return createMongoAbility<AppAbility>(operatorRules());
}

export function packedOperatorRules(): PackedRules {
  return packRules(operatorRules());
}

/** Rebuilds an ability from rules sent by the server (console side). */
export function abilityFromRules(rules: AppRule[]): AppAbility {
  return createMongoAbility<AppAbility>(rules);
}

/** The compact form of a user's rules sent to the console (`auth.me`). */
export type PackedRules = PackRule<AppRule>[];

export function packedRulesFor(user: AbilityUser): PackedRules {
  return packRules(rulesFor(user));
}

/** Console side: rebuilds the ability from `auth.me`'s packed rules. */
export function abilityFromPackedRules(packed: PackedRules): AppAbility {
  return abilityFromRules(unpackRules(packed));
}

/** One row as a CASL subject, for row-level checks: `ability.can('update', rowSubject('CustomerProfile', { ownerId }))`. */
export function rowSubject(type: Subject, fields: Record<string, unknown>): Record<string, unknown> {
  return subject(type, { ...fields });
}
