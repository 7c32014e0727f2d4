// Contract: the hash-chained audit log (partners read events that concern them; the operator verifies).
import { z } from 'zod';
import { Id, Timestamp } from './common.ts';
import { SizeBand } from './publications.ts';

export const AuditEvent = z.object({
  seq: z.number().int(),
  at: Timestamp,
  action: z.string(),
  /** Partner that acted; null for the operator or the system (retention sweep). */
  actorId: Id.nullable(),
  collaborationId: Id.nullable(),
  /** Partners whose data or membership the event concerns. */
  partnerIds: z.array(Id),
  details: z.record(z.string(), z.unknown()),
  /** hex SHA-256(prev_hash ‖ canonical event). */
  hash: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditEventsInput = z
  .object({
    /** Return events with seq greater than this. */
    after: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(100),
    collaborationId: Id.optional(),
  })
  .default({ after: 0, limit: 100 });
export const AuditEventsOutput = z.object({
  events: z.array(AuditEvent),
  /** Pass as `after` for the next page; null at the end. */
  nextAfter: z.number().int().nullable(),
});

export const VerifyAuditOutput = z.object({
  ok: z.boolean(),
  events: z.number().int(),
  /** The first event whose hash does not recompute, if any. */
  firstBrokenSeq: z.number().int().nullable(),
});

export const SweepOutput = z.object({
  expiredCollaborations: z.number().int(),
  expiredVersions: z.number().int(),
  abandonedUploads: z.number().int(),
  expiredLists: z.number().int(),
});

/** A partner's transparency report: every match that touched its data, and the ε spent in its collaborations. */
export const TransparencyInput = z
  .object({
    /** Return requests whose audit seq is greater than this. */
    after: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
    collaborationId: Id.optional(),
  })
  .default({ after: 0, limit: 100 });

/** Who asked: a partner company, never a person. */
export const TransparencyParty = z.object({ partnerId: Id, name: z.string(), industry: z.string() });

export const TransparencyRequest = z.object({
  /** The audit event that records the request (its seq is the page cursor). */
  seq: z.number().int(),
  at: Timestamp,
  matchId: Id,
  collaborationId: Id,
  collaborationName: z.string(),
  requester: TransparencyParty,
  /** True when the caller asked itself. */
  mine: z.boolean(),
  kind: z.enum(['insight', 'cross_sell_list', 'referral_list']),
  purpose: z.string(),
  /** The caller's own publications the request matched against (names as the caller published them). */
  touchedPublications: z.array(z.object({ publicationId: Id, name: z.string() })),
  kMin: z.number().int(),
  /** What left the clean room because of the caller's data. */
  released: z.object({
    /** Insight cells over the caller's publications: a noisy count, or null when suppressed below kMin. */
    counts: z.array(
      z.object({ publicationId: Id, count: z.number().int().nullable(), suppressed: z.boolean() }),
    ),
    /**
     * Lists delivered: to whom (partner) and how big — exact only for the receiver (it holds the list); a size band
     * for everyone else, so the report never tells a partner more about another's customers than matching did.
     */
    lists: z.array(
      z.object({
        listId: Id,
        receiverId: Id,
        receiverName: z.string(),
        size: z.number().int().nullable(),
        sizeBand: SizeBand,
      }),
    ),
  }),
  epsilonCharged: z.number(),
});
export type TransparencyRequest = z.infer<typeof TransparencyRequest>;

export const TransparencyBudget = z.object({
  collaborationId: Id,
  collaborationName: z.string(),
  requester: TransparencyParty,
  epsilonSpent: z.number(),
  epsilonBudget: z.number(),
});

export const TransparencyOutput = z.object({
  requests: z.array(TransparencyRequest),
  /** ε used per collaboration (the caller is a member of) and requester. */
  budgets: z.array(TransparencyBudget),
  nextAfter: z.number().int().nullable(),
});
export type TransparencyOutput = z.infer<typeof TransparencyOutput>;
