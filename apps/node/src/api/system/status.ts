// system.status: the admin's node-health view — clean room reachable, last publication, pending withdrawal deltas, last import.
// Readable by every signed-in role (NodeHealth); it reveals operations metadata only, never customer data.
import { z } from 'zod';
import { federationDeps, hasCleanroom } from '../../collab/deps.ts';
import { can } from '../trpc.ts';

export const StatusOutput = z.object({
  cleanroom: z.object({
    configured: z.boolean(),
    reachable: z.boolean(),
    latencyMs: z.number().nullable(),
    /** Our partner name as the clean room knows it. */
    partnerName: z.string().nullable(),
    error: z.string().nullable(),
  }),
  lastPublication: z
    .object({ segmentName: z.string(), committedAt: z.string(), members: z.number().nullable() })
    .nullable(),
  pendingWithdrawals: z.object({ count: z.number(), oldestAt: z.string().nullable() }),
  lastImport: z
    .object({ fileName: z.string().nullable(), status: z.string(), startedAt: z.string() })
    .nullable(),
});

const PROBE_TIMEOUT_MS = 3000;

export const status = can('read', 'NodeHealth')
  .output(StatusOutput)
  .query(async ({ ctx }) => {
    const cleanroom = {
      configured: hasCleanroom(ctx.config),
      reachable: false,
      latencyMs: null as number | null,
      partnerName: null as string | null,
      error: null as string | null,
    };
    if (cleanroom.configured) {
      const started = performance.now();
      try {
        const { partner } = await federationDeps(ctx).cleanroom.whoami(undefined, {
          signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
        });
        cleanroom.reachable = true;
        cleanroom.partnerName = partner.name;
        cleanroom.latencyMs = Math.round(performance.now() - started);
      } catch (error) {
        cleanroom.error = error instanceof Error ? error.message : String(error);
      }
    }
    const [publication, pending, job] = await Promise.all([
      ctx.db
        .selectFrom('publication')
        .select(['segment_name', 'committed_at', 'member_count'])
        .where('committed_at', 'is not', null)
        .orderBy('committed_at', 'desc')
        .limit(1)
        .executeTakeFirst(),
      ctx.db
        .selectFrom('withdrawal_outbox')
        .where('processed_at', 'is', null)
        .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('created_at').as('oldest')])
        .executeTakeFirstOrThrow(),
      ctx.db
        .selectFrom('import_job')
        .select(['file_name', 'status', 'started_at'])
        .orderBy('started_at', 'desc')
        .limit(1)
        .executeTakeFirst(),
    ]);
    return {
      cleanroom,
      lastPublication: publication?.committed_at
        ? {
            segmentName: publication.segment_name,
            committedAt: new Date(publication.committed_at).toISOString(),
            members: publication.member_count === null ? null : Number(publication.member_count),
          }
        : null,
      pendingWithdrawals: {
        count: Number(pending.count),
        oldestAt: pending.oldest ? new Date(pending.oldest as Date).toISOString() : null,
      },
      lastImport: job
        ? { fileName: job.file_name, status: job.status, startedAt: new Date(job.started_at).toISOString() }
        : null,
    };
  });
