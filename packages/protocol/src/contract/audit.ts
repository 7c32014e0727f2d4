// Contract: the hash-chained audit log (partners read events that concern them; the operator verifies).
import { z } from 'zod';
import { Id, Timestamp } from './common.ts';

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
