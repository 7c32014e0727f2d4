// `concord cleanroom invitation …`: the operator invites a partner with a one-time code bound to name + industry.
import type { Command } from '../framework.ts';
import { UsageError } from '../framework.ts';
import { attempt, operator, out, TARGET } from '../operator.ts';

export const invitation: Command = {
  summary: 'Invite a partner: create | list | revoke (the node admin redeems the code; no files to copy)',
  args: [
    { name: 'ACTION', description: 'create, list or revoke' },
    { name: 'NAME|ID', description: 'partner name (create) or invitation id (revoke)', optional: true },
  ],
  options: {
    industry: { type: 'string', valueName: 'SLUG', description: 'industry of the partner (create)' },
    'ttl-hours': {
      type: 'string',
      valueName: 'N',
      description: 'how long the code stays valid (default 168)',
    },
    ...TARGET,
  },
  details: [
    'Examples:',
    '  concord cleanroom invitation create "Acme Retail" --industry retail',
    '  concord cleanroom invitation list',
    '',
    'The code printed by `create` is shown once and works once. Give it to the partner; their admin enters it',
    'in the console (Admin › Credentials) or runs `concord node join --code <code>`.',
  ].join('\n'),
  run: (ctx) =>
    attempt(ctx, async () => {
      const [action, subject] = ctx.args;
      const op = operator(ctx);
      if (action === 'create') {
        const industry = ctx.options.industry as string | undefined;
        if (!subject || !industry) throw new UsageError('invitation create needs a NAME and --industry');
        const ttl = ctx.options['ttl-hours'] as string | undefined;
        const r = await op.invite({ name: subject, industry, ...(ttl ? { ttlHours: Number(ttl) } : {}) });
        out(
          ctx,
          r,
          `invitation for ${r.invitation.name} (${r.invitation.industry}), valid until ${r.invitation.expiresAt}\n  code  ${r.code}\n(shown once)`,
        );
        return 0;
      }
      if (action === 'list') {
        const r = await op.listInvitations();
        const lines = r.invitations.map(
          (i) =>
            `${i.id}  ${i.status.padEnd(8)}  ${i.industry.padEnd(12)}  ${i.name}  (until ${i.expiresAt})`,
        );
        out(ctx, r, lines.join('\n') || 'no invitations');
        return 0;
      }
      if (action === 'revoke') {
        if (!subject) throw new UsageError('invitation revoke needs an invitation ID');
        const r = await op.revokeInvitation({ invitationId: subject });
        out(ctx, r, `invitation for ${r.invitation.name} revoked`);
        return 0;
      }
      throw new UsageError(`unknown action "${action}" (create, list, revoke)`);
    }),
};
