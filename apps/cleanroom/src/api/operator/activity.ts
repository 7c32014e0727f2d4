// operator.activity: the latest ingestion (publication versions: state, record and member counts) and matches
// (kind, requester, epsilon charged) — counts and names only.
import { Timestamp } from '@concord/protocol/contract/common';
import { z } from 'zod';
import { recentActivity } from '../../operator/overview.ts';
import { operatorCan } from '../trpc.ts';

export const ActivityInput = z
  .object({ limit: z.number().int().min(1).max(200).default(50) })
  .default({ limit: 50 });
export const ActivityOutput = z.object({
  ingestion: z.array(
    z.object({
      id: z.string(),
      collaboration: z.string(),
      owner: z.string(),
      segment: z.string(),
      version: z.number().int(),
      status: z.enum(['uploading', 'live', 'superseded', 'aborted', 'expired']),
      records: z.number().int(),
      members: z.number().int(),
      withdrawalDeltas: z.number().int(),
      createdAt: Timestamp,
      committedAt: Timestamp.nullable(),
    }),
  ),
  matches: z.array(
    z.object({
      id: z.string(),
      collaboration: z.string(),
      requester: z.string(),
      kind: z.enum(['insight', 'cross_sell_list', 'referral_list']),
      epsilonCharged: z.number(),
      createdAt: Timestamp,
    }),
  ),
});

export const activity = operatorCan('read', 'CleanroomActivity')
  .input(ActivityInput)
  .output(ActivityOutput)
  .query(({ ctx, input }) => recentActivity(ctx.db, input.limit));
