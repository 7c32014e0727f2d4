// `concord lists …`: lists delivered by the clean room, fetching them into audiences, showing and exporting them.
import { writeFileSync } from 'node:fs';
import type { Command, CommandGroup } from '../framework.ts';
import { nodeTarget, trpcMutation, trpcQuery } from '../node-client.ts';

const delivered: Command = {
  summary: 'Lists the clean room holds for this node (cross-sell and referral)',
  options: { json: { type: 'boolean', description: 'print JSON lines' } },
  run: async (ctx) => {
    const rows = await trpcQuery<
      Array<{
        id: string;
        kind: string;
        purpose: string;
        size: number;
        expiresAt: string;
        audienceListId: string | null;
      }>
    >(nodeTarget(ctx), 'lists.delivered', {});
    for (const l of rows) {
      ctx.io.stdout.write(
        ctx.options.json
          ? `${JSON.stringify(l)}\n`
          : `${l.id}  ${l.kind.padEnd(10)}  ${String(l.size).padStart(7)}  expires ${l.expiresAt}  ${l.audienceListId ? `fetched as ${l.audienceListId}` : 'not fetched'}\n`,
      );
    }
    return 0;
  },
};

const fetchList: Command = {
  summary: 'Fetch a delivered list: resolve to our customers, re-check consent, store as an audience',
  args: [{ name: 'LIST_ID', description: 'clean-room list id (see `concord lists delivered`)' }],
  options: {
    name: { type: 'string', valueName: 'NAME', description: 'audience name' },
    json: { type: 'boolean', description: 'print JSON' },
  },
  run: async (ctx) => {
    const r = await trpcMutation<{
      audienceListId: string;
      received: number;
      resolved: number;
      dropped: Record<string, number>;
      alreadyFetched: boolean;
    }>(nodeTarget(ctx), 'lists.fetch', {
      listId: ctx.args[0],
      ...(ctx.options.name ? { name: ctx.options.name } : {}),
    });
    if (ctx.options.json) {
      ctx.io.stdout.write(`${JSON.stringify(r)}\n`);
      return 0;
    }
    const dropped =
      Object.entries(r.dropped)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none';
    ctx.io.stdout.write(
      `${r.alreadyFetched ? 'already fetched as' : 'stored audience'} ${r.audienceListId}: ${r.resolved} of ${r.received} (dropped: ${dropped})\n`,
    );
    return 0;
  },
};

const list: Command = {
  summary: 'Stored audiences with provenance',
  options: { json: { type: 'boolean', description: 'print JSON lines' } },
  run: async (ctx) => {
    const rows = await trpcQuery<
      Array<{ id: string; name: string; current: number; expiresAt: string | null }>
    >(nodeTarget(ctx), 'lists.list', {});
    for (const l of rows) {
      ctx.io.stdout.write(
        ctx.options.json
          ? `${JSON.stringify(l)}\n`
          : `${l.id}  ${String(l.current).padStart(7)}  ${l.expiresAt ?? '-'}  ${l.name}\n`,
      );
    }
    return 0;
  },
};

const exportList: Command = {
  summary: 'Export an audience as CSV (audited)',
  args: [{ name: 'AUDIENCE_ID', description: 'audience id (see `concord lists list`)' }],
  options: { out: { type: 'string', valueName: 'FILE', description: 'write to FILE instead of stdout' } },
  run: async (ctx) => {
    const r = await trpcMutation<{ filename: string; csv: string; rows: number }>(
      nodeTarget(ctx),
      'lists.export',
      {
        listId: ctx.args[0],
      },
    );
    if (ctx.options.out) {
      writeFileSync(String(ctx.options.out), r.csv);
      ctx.io.stderr.write(`wrote ${r.rows} rows to ${ctx.options.out}\n`);
    } else {
      ctx.io.stdout.write(r.csv);
    }
    return 0;
  },
};

export const listsGroup: CommandGroup = {
  name: 'lists',
  summary: 'Lists from matches: fetch, show, export (marketer)',
  commands: { delivered, fetch: fetchList, list, export: exportList },
};
