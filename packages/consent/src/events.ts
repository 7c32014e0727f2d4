// Consent event vocabulary (ISO/IEC TS 27560, GDPR Art. 7): states, lawful bases, collection methods, recipients scope.
import { z } from 'zod';
import { isKnownPurpose } from './purposes.ts';

export const CONSENT_STATES = ['given', 'refused', 'withdrawn', 'expired'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

/** GDPR Art. 6(1) bases, recorded with each event as evidence of why the data is processed. */
// biome-ignore format: a vocabulary reads best as a short paragraph
export const LAWFUL_BASES = [
  'consent', 'contract', 'legal_obligation',
  'vital_interests', 'public_task', 'legitimate_interests',
] as const;
export type LawfulBasis = (typeof LAWFUL_BASES)[number];

/** How the signal reached us; `gpc` marks a Global Privacy Control browser signal. */
// biome-ignore format: a vocabulary reads best as a short paragraph
export const COLLECTION_METHODS = [
  'web_form', 'paper_form', 'phone', 'in_person', 'email',
  'app', 'api', 'import', 'gpc', 'other',
] as const;
export type CollectionMethod = (typeof COLLECTION_METHODS)[number];

/** `*` in industries means "any partner industry"; a `given` event must name at least one recipient. */
export const WILDCARD = '*';

export const PurposeId = z.string().refine(isKnownPurpose, { message: 'unknown purpose' });

/** A consent signal as recorded by a user, the API, an import or a GPC signal (before it gets an id). */
export const ConsentSignal = z
  .object({
    purpose: PurposeId,
    state: z.enum(CONSENT_STATES),
    lawfulBasis: z.enum(LAWFUL_BASES).default('consent'),
    recipientIndustries: z.array(z.string().min(1).max(40)).max(20).default([]),
    recipientPartners: z.array(z.string().min(1).max(120)).max(50).default([]),
    collectionMethod: z.enum(COLLECTION_METHODS),
    /** Where it was collected: form id, branch, campaign, file name. */
    source: z.string().min(1).max(200),
    /** The notice version shown when it was collected (id of the stored exact text). */
    noticeVersionId: z.string().uuid().nullable().default(null),
    capturedAt: z.coerce.date(),
    validUntil: z.coerce.date().nullable().default(null),
    /** Pointer to the evidence (signed form scan, web log id, call recording id). */
    evidenceRef: z.string().max(500).nullable().default(null),
  })
  .superRefine((s, ctx) => {
    if (s.state === 'given' && s.recipientIndustries.length === 0 && s.recipientPartners.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['recipientIndustries'],
        message: 'consent must name recipients',
      });
    }
    if (s.validUntil && s.validUntil <= s.capturedAt) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'validUntil must be after capturedAt' });
    }
  });
export type ConsentSignal = z.infer<typeof ConsentSignal>;
