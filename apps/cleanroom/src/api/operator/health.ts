// operator.health: database round trip, uptime, and the registry and workload counts for the console.
import { Timestamp } from '@concord/protocol/contract/common';
import { z } from 'zod';
import { cleanroomHealth } from '../../operator/health.ts';
import { VERSION } from '../../version.ts';
import { operatorCan } from '../trpc.ts';

const Counts = z.record(z.string(), z.number().int());
export const HealthOutput = z.object({
  ok: z.literal(true),
  version: z.string(),
  checkedAt: Timestamp,
  uptimeSeconds: z.number().int(),
  databaseMs: z.number(),
  partners: Counts,
  collaborations: Counts,
  versions: Counts,
  openInvitations: z.number().int(),
  liveLists: z.number().int(),
  auditEvents: z.number().int(),
  oldestUploadStartedAt: Timestamp.nullable(),
});

export const health = operatorCan('read', 'CleanroomHealth')
  .output(HealthOutput)
  .query(({ ctx }) => cleanroomHealth(ctx.db, ctx.now(), VERSION));
