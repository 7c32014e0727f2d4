// `concord match …`: partner segments to match against, and match requests (insight, cross-sell, referral).
import { kindOfCliAlias, MATCH_KIND_INFO, MatchKind, payloadOf } from '@concord/protocol/contract/matches';
import type { Command, CommandContext, CommandGroup } from '../framework.ts';
import { UsageError } from '../framework.ts';
import { nodeTarget, trpcQuery } from '../node-client.ts';
import { nodeApi } from '../trpc.ts';

/** What `--kind` accepts: the registry's CLI aliases (`@concord/protocol/contract/matches`), in MatchKind order. */
export const KIND_ALIASES = MatchKind.options.map((k) => MATCH_KIND_INFO[k].cliAlias);

type Report = Awaited<ReturnType<ReturnType<typeof nodeApi>['matches']['request']['mutate']>>;
type Out = CommandContext['io']['stdout'];

/** How the terminal shows each kind's answer; a kind without an entry prints its payload as JSON. */
const PRINTERS: { [K in MatchKind]?: (r: Extract<Report, { kind: K }>, out: Out) => void } = {
  insight: (r, out) => {
    for (const c of r.insight.cells) {
      out.write(`  ${c.partnerPublicationId}: ${c.suppressed ? 'suppressed (below kMin)' : `~${c.count}`}\n`);
    }
    out.write(`  epsilon remaining ${r.insight.epsilonRemaining}\n`);
  },
  referral_list: (r, out) => {
    for (const ref of r.referrals) {
      out.write(
        `  referral to ${ref.partnerPublicationId}: ${ref.delivered ? 'delivered' : 'below kMin, not delivered'}\n`,
      );
    }
  },
};

function printReport(r: Report, out: Out) {
  out.write(`match ${r.matchId}\n`);
  const print = PRINTERS[r.kind] as ((r: Report, out: Out) => void) | undefined;
  if (print) print(r, out);
  else if (!r.audience) out.write(`  ${JSON.stringify(payloadOf(r))}\n`);
  if (r.audience) {
    const dropped =
      Object.entries(r.audience.dropped)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none';
    out.write(
      `  audience ${r.audience.audienceListId}: ${r.audience.resolved} of ${r.audience.received} (dropped: ${dropped})\n`,
    );
  }
}

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
    kind: { type: 'string', valueName: 'KIND', description: KIND_ALIASES.join(', ') },
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
    const kind = kindOfCliAlias(String(o.kind ?? ''));
    if (!o.collaboration || !o.publication || !o.partner || !o.purpose || !kind) {
      throw new UsageError(
        `--collaboration, --publication, --partner, --purpose and --kind (${KIND_ALIASES.join('|')}) are required`,
      );
    }
    const r = await nodeApi(ctx).matches.request.mutate({
      collaborationId: String(o.collaboration),
      publicationId: String(o.publication),
      partnerPublicationIds: String(o.partner)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      purpose: String(o.purpose),
      kind,
      ...(o.offer ? { offer: { title: String(o.offer) } } : {}),
    });
    if (o.json) ctx.io.stdout.write(`${JSON.stringify(r)}\n`);
    else printReport(r, ctx.io.stdout);
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
