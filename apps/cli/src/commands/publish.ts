// `concord publish …`: publish a segment into a collaboration, list publications, withdrawal propagation.
import type { Command, CommandGroup } from '../framework.ts';
import { UsageError } from '../framework.ts';
import { nodeApi } from '../trpc.ts';

const counts = (c: Record<string, number>) =>
  Object.keys(c).length === 0
    ? 'none'
    : Object.entries(c)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');

const segment: Command = {
  summary:
    'Publish a segment (consent-scoped, tokenized) into a collaboration; replaces its previous version',
  args: [{ name: 'SEGMENT_ID', description: 'segment id (or use --segment)', optional: true }],
  options: {
    segment: { type: 'string', valueName: 'ID', description: 'segment id' },
    collaboration: { type: 'string', valueName: 'ID', description: 'collaboration id' },
    json: { type: 'boolean', description: 'print JSON' },
  },
  details: 'Example:\n  concord publish segment --segment <SEGMENT_ID> --collaboration <COLLABORATION_ID>',
  run: async (ctx) => {
    const segmentId = (ctx.options.segment as string | undefined) ?? ctx.args[0];
    const collaborationId = ctx.options.collaboration as string | undefined;
    if (!segmentId || !collaborationId) throw new UsageError('--segment and --collaboration are required');
    // Typed by the node's router: the report is the node's own `PublishReport`, never a copy.
    const r = await nodeApi(ctx).publications.publish.mutate({ segmentId, collaborationId });
    if (ctx.options.json) {
      ctx.io.stdout.write(`${JSON.stringify(r)}\n`);
      return 0;
    }
    ctx.io.stdout.write(
      `published version ${r.version} (${r.publicationId})\n` +
        `  segment ${r.segmentSize}, published ${r.published} members with ${r.tokens} tokens\n` +
        `  excluded: ${counts(r.excluded)}\n` +
        `  invalid identifiers: ${counts(r.invalidIdentifiers)}\n`,
    );
    return 0;
  },
};

const list: Command = {
  summary: 'List this node’s publications (every version)',
  options: {
    collaboration: { type: 'string', valueName: 'ID', description: 'only this collaboration' },
    json: { type: 'boolean', description: 'print JSON lines' },
  },
  run: async (ctx) => {
    const collaborationId = ctx.options.collaboration as string | undefined;
    const rows = await nodeApi(ctx).publications.list.query(collaborationId ? { collaborationId } : {});
    for (const p of rows) {
      ctx.io.stdout.write(
        ctx.options.json
          ? `${JSON.stringify(p)}\n`
          : `${p.id}  ${p.status.padEnd(9)}  ${String(p.members).padStart(8)}  ${p.committedAt ?? '-'}  ${p.segmentName}\n`,
      );
    }
    return 0;
  },
};

const withdrawals: Command = {
  summary: 'Withdrawal propagation to the clean room: pending, p50/p99 delay',
  options: { json: { type: 'boolean', description: 'print JSON' } },
  run: async (ctx) => {
    const s = await nodeApi(ctx).publications.withdrawals.query({});
    ctx.io.stdout.write(
      ctx.options.json
        ? `${JSON.stringify(s)}\n`
        : `delivered ${s.delivered} (removed something), nothing to remove ${s.noOp}, pending ${s.pending}, ` +
            `delay p50 ${s.p50Ms ?? '-'} ms, p99 ${s.p99Ms ?? '-'} ms\n`,
    );
    return 0;
  },
};

export const publishGroup: CommandGroup = {
  name: 'publish',
  summary: 'Publish segments into collaborations (marketer)',
  commands: { segment, list, withdrawals },
};
