// The console's form schemas: built from the same shared pieces as the server's inputs (purposes, roles, limits).
// test/schemas.test.ts proves each one is structurally identical to the server procedure's input schema.
import { ROLES } from '@concord/access';
import { COLLECTION_METHODS, PurposeId } from '@concord/consent/events';
import { z } from 'zod';

export const SetRuleForm = z.object({
  purpose: PurposeId,
  allowedIndustries: z.array(z.string().min(1).max(40)).min(1, 'Choose at least one industry').max(20),
  maxConsentAgeDays: z.number().int().positive().nullable(),
  kMin: z.number().int().min(1).max(1_000_000),
  listsAllowed: z.boolean(),
  retentionDays: z.number().int().positive().max(3650),
  note: z.string().max(1000).nullish(),
});

export const PublishNoticeForm = z.object({
  key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,60}$/, 'Lower-case letters, digits and dashes'),
  title: z.string().min(1, 'Give the notice a title').max(200),
  language: z.string().min(2).max(10),
  body: z.string().min(1, 'Paste the exact text customers see').max(100_000),
  purposes: z.array(PurposeId).min(1, 'Choose the purposes this notice asks for'),
});

const Purpose = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/);

export const ProposeCollaborationForm = z.object({
  name: z.string().trim().min(1, 'Name the collaboration').max(120),
  description: z.string().max(2000).default(''),
  partnerIds: z.array(z.uuid()).min(1, 'Choose at least one partner').max(15),
  purposes: z.array(Purpose).min(1, 'Choose at least one purpose').max(32),
  policy: z.object({
    kMin: z.number().int().min(2).max(1_000_000),
    crossSellLists: z.boolean(),
    referralLists: z.boolean(),
    epsilonBudget: z.number().positive().max(100),
    epsilonPerQuery: z.number().positive().max(10).optional(),
    minSegmentSize: z.number().int().min(1).optional(),
    listTtlHours: z.number().int().min(1).max(8760).optional(),
    retentionDays: z.number().int().min(1).max(3650).optional(),
    measurement: z.boolean().optional(),
  }),
  tokenMode: z.enum(['hmac', 'sha256']).default('hmac'),
  expiresAt: z.coerce.date(),
  kMinFloor: z.number().int().min(1).optional(),
});

export const RequestMatchForm = z.object({
  collaborationId: z.uuid(),
  kind: z.enum(['insight', 'cross_sell_list', 'referral_list']),
  purpose: z.string().min(1).max(120),
  publicationId: z.uuid('Choose one of your published segments'),
  partnerPublicationIds: z.array(z.uuid()).min(1, 'Choose at least one partner segment').max(16),
  offer: z
    .object({ title: z.string().min(1).max(200), description: z.string().max(2000).optional() })
    .optional(),
});

export const CreateUserForm = z.object({
  email: z.string().email('Enter a valid email address').max(200),
  role: z.enum(ROLES),
  password: z.string().min(10, 'At least 10 characters').max(500),
  displayName: z.string().max(200).nullish(),
});

export const ResetPasswordForm = z.object({
  password: z.string().min(10, 'At least 10 characters').max(500),
});

export const CreateTokenForm = z.object({
  /** Never sent by the console: a token is always for the signed-in user (the server refuses anyone else). */
  userId: z.string().uuid().optional(),
  name: z.string().min(1, 'Name the token, e.g. “nightly import”').max(100),
  expiresAt: z.coerce.date().nullish(),
});

export const WithdrawForm = z.object({
  customerId: z.string().uuid(),
  purposes: z.array(PurposeId).min(1).max(50).optional(),
  collectionMethod: z.enum(COLLECTION_METHODS).default('phone'),
  source: z.string().min(1).max(200).default('console'),
  evidenceRef: z.string().max(500).nullish(),
});

export const EraseForm = z.object({
  customerId: z.string().uuid(),
  requestRef: z.string().max(200).nullish(),
});

export const ImportConsentsForm = z.object({
  fileName: z.string().min(1).max(200).default('upload.csv'),
  csv: z.string().max(20_000_000),
});

export const REQUEST_KINDS = ['withdrawal', 'erasure', 'objection', 'access'] as const;
export const REQUEST_CHANNELS = [
  'email',
  'letter',
  'phone',
  'web_form',
  'in_person',
  'app',
  'other',
] as const;

/** Logging a data-subject request (privacy.requests.create): the channel is asked, erasure needs a reference. */
export const LogRequestForm = z
  .object({
    kind: z.enum(REQUEST_KINDS, 'Choose the kind of request'),
    customerId: z.string().uuid(),
    channel: z.enum(REQUEST_CHANNELS, 'How did the request reach us?'),
    reference: z.string().trim().max(200).nullish(),
    receivedAt: z.coerce.date('When was it received?'),
  })
  .refine((v) => v.kind !== 'erasure' || Boolean(v.reference), {
    message: 'An erasure needs a reference (ticket or letter number)',
    path: ['reference'],
  });

export const ExtendRequestForm = z.object({
  reason: z.string().trim().min(10, 'Say why (at least 10 characters)').max(1000),
});
