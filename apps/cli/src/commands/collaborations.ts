// `concord collaborations …`: list, propose, approve, suspend/resume/leave collaborations (compliance).
import type { Command, CommandContext, CommandGroup } from '../framework.ts';
import { UsageError } from '../framework.ts';
import { nodeTarget, trpcMutation, trpcQuery } from '../node-client.ts';

interface Member {
  partnerId: string;
  name: string;
  industry: string;
  status: string;
}

interface Collaboration {
  id: string;
  name: string;
  status: string;
  purposes: string[];
  tokenMode: string;
  members: Member[];
  hasSecret: boolean;
  expiresAt: string | null;
}

const JSON_OPTION = { json: { type: 'boolean' as const, description: 'print JSON' } };

function print(ctx: CommandContext, c: Collaboration): void {
  if (ctx.options.json) {
    ctx.io.stdout.write(`${JSON.stringify(c)}\n`);
    return;
  }
  const members = c.members.map((m) => `${m.name} (${m.industry}, ${m.status})`).join(', ');
  ctx.io.stdout.write(
    `${c.id}  ${c.status.padEnd(9)}  ${c.name}\n    purposes: ${c.purposes.join(', ')}  token: ${c.tokenMode}` +
      `  expires: ${c.expiresAt ?? '-'}\n    members: ${members}\n`,
  );
}

const list: Command = {
  summary: 'List collaborations this node is in (refreshed from the clean room)',
  options: JSON_OPTION,
  run: async (ctx) => {
    const all = await trpcQuery<Collaboration[]>(nodeTarget(ctx), 'collaborations.list', {});
    for (const c of all) print(ctx, c);
    if (all.length === 0 && !ctx.options.json) ctx.io.stdout.write('no collaborations\n');
    return 0;
  },
};

const partners: Command = {
  summary: 'List partners registered at the clean room (to propose to)',
  options: JSON_OPTION,
  run: async (ctx) => {
    const rows = await trpcQuery<Array<{ id: string; name: string; industry: string; self: boolean }>>(
      nodeTarget(ctx),
      'collaborations.partners',
      {},
    );
    for (const p of rows) {
      ctx.io.stdout.write(
        ctx.options.json
          ? `${JSON.stringify(p)}\n`
          : `${p.id}  ${p.industry.padEnd(10)}  ${p.name}${p.self ? '  (this node)' : ''}\n`,
      );
    }
    return 0;
  },
};

const propose: Command = {
  summary: 'Propose a collaboration (generates the secret and wraps it for every member)',
  options: {
    name: { type: 'string', valueName: 'NAME', description: 'collaboration name' },
    partner: { type: 'string', valueName: 'IDS', description: 'partner ids, comma-separated' },
    purposes: { type: 'string', valueName: 'LIST', description: 'purposes, comma-separated' },
    'k-min': { type: 'string', valueName: 'N', description: 'smallest released count/list (default 10)' },
    'cross-sell': { type: 'boolean', description: 'allow cross-sell lists' },
    referral: { type: 'boolean', description: 'allow referral lists' },
    epsilon: { type: 'string', valueName: 'E', description: 'DP epsilon budget per requester (default 5)' },
    'min-segment': {
      type: 'string',
      valueName: 'N',
      description: 'smallest matchable publication (default 100)',
    },
    expires: { type: 'string', valueName: 'DATE', description: 'expiry (ISO date; default in 365 days)' },
    'token-mode': {
      type: 'string',
      valueName: 'MODE',
      description: 'hmac (default) or sha256 (interop, weaker)',
    },
    description: { type: 'string', valueName: 'TEXT', description: 'description' },
    ...JSON_OPTION,
  },
  details:
    'Example:\n  concord collaborations propose --name "Bank x Insurer" --partner <ID> \\\n' +
    '    --purposes marketing.cross_sell.partner_offers --k-min 25 --cross-sell',
  run: async (ctx) => {
    const o = ctx.options;
    if (!o.name || !o.partner || !o.purposes)
      throw new UsageError('--name, --partner and --purposes are required');
    const expires = o.expires ? new Date(String(o.expires)) : new Date(Date.now() + 365 * 86_400_000);
    if (Number.isNaN(expires.getTime())) throw new UsageError('--expires must be a date');
    const minSegment = o['min-segment'] ? Number(o['min-segment']) : undefined;
    const c = await trpcMutation<Collaboration>(nodeTarget(ctx), 'collaborations.propose', {
      name: o.name,
      description: o.description ?? '',
      partnerIds: String(o.partner)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      purposes: String(o.purposes)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      policy: {
        kMin: Number(o['k-min'] ?? 10),
        crossSellLists: Boolean(o['cross-sell']),
        referralLists: Boolean(o.referral),
        epsilonBudget: Number(o.epsilon ?? 5),
        ...(minSegment !== undefined ? { minSegmentSize: minSegment } : {}),
      },
      tokenMode: o['token-mode'] ?? 'hmac',
      expiresAt: expires.toISOString(),
    });
    print(ctx, c);
    return 0;
  },
};

const approve: Command = {
  summary: 'Approve a pending collaboration from this node (unwraps and stores our copy of the secret)',
  args: [{ name: 'COLLABORATION_ID', description: 'collaboration id' }],
  options: JSON_OPTION,
  run: async (ctx) => {
    print(
      ctx,
      await trpcMutation<Collaboration>(nodeTarget(ctx), 'collaborations.approve', {
        collaborationId: ctx.args[0],
      }),
    );
    return 0;
  },
};

function lifecycle(action: 'suspend' | 'resume' | 'leave', summary: string): Command {
  return {
    summary,
    args: [{ name: 'COLLABORATION_ID', description: 'collaboration id' }],
    options: { reason: { type: 'string', valueName: 'TEXT', description: 'why (audited)' }, ...JSON_OPTION },
    run: async (ctx) => {
      const c = await trpcMutation<Collaboration>(nodeTarget(ctx), 'collaborations.change', {
        collaborationId: ctx.args[0],
        action,
        reason: ctx.options.reason ?? '',
      });
      print(ctx, c);
      return 0;
    },
  };
}

export const collaborationsGroup: CommandGroup = {
  name: 'collaborations',
  summary: 'Collaborations with partner companies (propose, approve, suspend, leave)',
  commands: {
    list,
    partners,
    propose,
    approve,
    suspend: lifecycle('suspend', 'Suspend a collaboration (no matching until resumed)'),
    resume: lifecycle('resume', 'Resume a suspended collaboration'),
    leave: lifecycle('leave', 'Leave a collaboration (the clean room deletes our data in it)'),
  },
};
