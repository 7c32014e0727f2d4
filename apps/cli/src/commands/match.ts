// `concord match …`: partner segments to match against, and match requests (insight, cross-sell, referral).
import type { Command, CommandGroup } from '../framework.ts';
import { UsageError } from '../framework.ts';
import { nodeTarget, trpcMutation, trpcQuery } from '../node-client.ts';

const KINDS: Record<string, string> = {
  insight: 'insight',
  'cross-sell': 'cross_sell_list',
  referral: 'referral_list',
};

const partners: Command = {
  summary: 'Partner segments visible in a collaboration',
  options: {
    collaboration: { type: 'string', valueName: 'ID', description: 'collaboration id' },
    json: { type: 'boolean', description: 'print JSON lines' },
  },
  run: async (ctx) => {
    if (!ctx.options.collaboration) throw new UsageError('--collaboration is required');
    const rows = await trpcQuery<
      Array<{ id: string; name: string; partnerName: string; sizeBand: string | null }>
    >(nodeTarget(ctx), 'publications.partners', { collaborationId: ctx.options.collaboration });
    for (const p of rows) {
      ctx.io.stdout.write(
        ctx.options.json
          ? `${JSON.stringify(p)}\n`
          : `${p.id}  ${p.partnerName}  ${p.name}  (${p.sizeBand ?? '-'})\n`,
      );
    }
    return 0;
  },
};

const request: Command = {
  summary: 'Request a match: insight counts, a cross-sell list (fetched at once) or referral lists',
  options: {
    collaboration: { type: 'string', valueName: 'ID', description: 'collaboration id' },
    publication: {
      type: 'string',
      valueName: 'ID',
      description: 'our publication id (see `concord publish list`)',
    },
    partner: { type: 'string', valueName: 'IDS', description: 'partner publication ids, comma-separated' },
    kind: { type: 'string', valueName: 'KIND', description: 'insight, cross-sell or referral' },
    purpose: { type: 'string', valueName: 'PURPOSE', description: 'one of the collaboration purposes' },
    offer: {
      type: 'string',
      valueName: 'TITLE',
      description: 'referral: the offer partners contact their members with',
    },
    json: { type: 'boolean', description: 'print JSON' },
  },
  run: async (ctx) => {
    const o = ctx.options;
    const kind = KINDS[String(o.kind ?? '')];
    if (!o.collaboration || !o.publication || !o.partner || !o.purpose || !kind) {
      throw new UsageError(
        '--collaboration, --publication, --partner, --purpose and --kind (insight|cross-sell|referral) are required',
      );
    }
    const r = await trpcMutation<{
      matchId: string;
      insight: {
        cells: Array<{ partnerPublicationId: string; count: number | null; suppressed: boolean }>;
        epsilonRemaining: number;
      } | null;
      audience: {
        audienceListId: string;
        received: number;
        resolved: number;
        dropped: Record<string, number>;
      } | null;
      referrals: Array<{ partnerPublicationId: string; delivered: boolean }> | null;
    }>(nodeTarget(ctx), 'matches.request', {
      collaborationId: o.collaboration,
      publicationId: o.publication,
      partnerPublicationIds: String(o.partner)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      purpose: o.purpose,
      kind,
      ...(o.offer ? { offer: { title: o.offer } } : {}),
    });
    if (o.json) {
      ctx.io.stdout.write(`${JSON.stringify(r)}\n`);
      return 0;
    }
    ctx.io.stdout.write(`match ${r.matchId}\n`);
    for (const c of r.insight?.cells ?? []) {
      ctx.io.stdout.write(
        `  ${c.partnerPublicationId}: ${c.suppressed ? 'suppressed (below kMin)' : `~${c.count}`}\n`,
      );
    }
    if (r.insight) ctx.io.stdout.write(`  epsilon remaining ${r.insight.epsilonRemaining}\n`);
    if (r.audience) {
      const dropped =
        Object.entries(r.audience.dropped)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ') || 'none';
      ctx.io.stdout.write(
        `  audience ${r.audience.audienceListId}: ${r.audience.resolved} of ${r.audience.received} (dropped: ${dropped})\n`,
      );
    }
    for (const ref of r.referrals ?? []) {
      ctx.io.stdout.write(
        `  referral to ${ref.partnerPublicationId}: ${ref.delivered ? 'delivered' : 'below kMin, not delivered'}\n`,
      );
    }
    return 0;
  },
};

const list: Command = {
  summary: 'Match requests made from this node',
  options: { json: { type: 'boolean', description: 'print JSON lines' } },
  run: async (ctx) => {
    const rows = await trpcQuery<Array<{ id: string; kind: string; purpose: string; createdAt: string }>>(
      nodeTarget(ctx),
      'matches.list',
      {},
    );
    for (const m of rows) {
      ctx.io.stdout.write(
        ctx.options.json ? `${JSON.stringify(m)}\n` : `${m.id}  ${m.createdAt}  ${m.kind}  ${m.purpose}\n`,
      );
    }
    return 0;
  },
};

export const matchGroup: CommandGroup = {
  name: 'match',
  summary: 'Match against partner segments (marketer)',
  commands: { partners, request, list },
};
