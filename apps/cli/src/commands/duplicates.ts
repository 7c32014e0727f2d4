// `concord duplicates …`: probable duplicates within the node (shared email or phone), merge and undo (admin).
import { resolveCustomer } from '../customers.ts';
import type { Command, CommandGroup } from '../framework.ts';
import { nodeTarget, trpcMutation, trpcQuery } from '../node-client.ts';
import { nodeApi } from '../trpc.ts';

interface Side {
  id: string;
  externalId: string;
  firstName: string | null;
  lastName: string | null;
}

const list: Command = {
  summary: 'Flagged pairs with the identifiers they share',
  options: {
    status: { type: 'string', valueName: 'STATUS', description: 'open (default), dismissed or merged' },
    json: { type: 'boolean', description: 'print JSON lines' },
  },
  run: async (ctx) => {
    const rows = await trpcQuery<
      Array<{ a: Side; b: Side; evidence: Array<{ idType: string; value: string }> }>
    >(nodeTarget(ctx), 'duplicates.list', { status: ctx.options.status ?? 'open' });
    for (const d of rows) {
      const side = (s: Side) =>
        `${s.externalId} (${[s.firstName, s.lastName].filter(Boolean).join(' ')}) ${s.id}`;
      ctx.io.stdout.write(
        ctx.options.json
          ? `${JSON.stringify(d)}\n`
          : `${side(d.a)}  ~  ${side(d.b)}  shared: ${d.evidence.map((e) => `${e.idType} ${e.value}`).join(', ')}\n`,
      );
    }
    return 0;
  },
};

const scan: Command = {
  summary: 'Flag every pair of customers sharing a valid email or phone',
  run: async (ctx) => {
    const r = await trpcMutation<{ flagged: number }>(nodeTarget(ctx), 'duplicates.scan');
    ctx.io.stdout.write(`flagged ${r.flagged} new pair(s)\n`);
    return 0;
  },
};

const merge: Command = {
  summary:
    'Merge MERGED into SURVIVOR: history, identifiers, consent (strictest wins) and external id move over',
  args: [
    { name: 'SURVIVOR', description: 'customer that remains: customer number, e-mail, name or id' },
    { name: 'MERGED', description: 'customer merged into it (its customer number becomes an alias)' },
  ],
  options: { json: { type: 'boolean', description: 'print JSON' } },
  run: async (ctx) => {
    const api = nodeApi(ctx);
    const survivorId = await resolveCustomer(api, ctx.args[0] as string);
    const mergedId = await resolveCustomer(api, ctx.args[1] as string);
    const r = await trpcMutation<{ mergeId: string; undoUntil: string; moved: Record<string, number> }>(
      nodeTarget(ctx),
      'duplicates.merge',
      { survivorId, mergedId },
    );
    ctx.io.stdout.write(
      ctx.options.json
        ? `${JSON.stringify(r)}\n`
        : `merged (${r.mergeId}); undo with \`concord duplicates unmerge ${r.mergeId}\` until ${r.undoUntil}\n`,
    );
    return 0;
  },
};

const unmerge: Command = {
  summary: 'Undo a merge within its window',
  args: [{ name: 'MERGE_ID', description: 'id printed by `concord duplicates merge`' }],
  run: async (ctx) => {
    const r = await trpcMutation<{ restoredId: string }>(nodeTarget(ctx), 'duplicates.unmerge', {
      mergeId: ctx.args[0],
    });
    ctx.io.stdout.write(`restored ${r.restoredId}\n`);
    return 0;
  },
};

export const duplicatesGroup: CommandGroup = {
  name: 'duplicates',
  summary: 'Probable duplicate customers: list, scan, merge, unmerge (admin)',
  commands: { list, scan, merge, unmerge },
};
