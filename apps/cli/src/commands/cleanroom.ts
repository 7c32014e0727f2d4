// `concord cleanroom …`: the clean room operator's commands (partner registry, audit chain, retention sweep).
// Talks to the clean room with the operator token through @concord/protocol's typed client.
import type { Command, CommandGroup } from '../framework.ts';
import { UsageError } from '../framework.ts';
import { attempt, operator, out, TARGET } from '../operator.ts';
import { invitation } from './invitations.ts';

const partner: Command = {
  summary: 'Manage partners: add | list | rotate | disable | enable | set-key',
  args: [
    { name: 'ACTION', description: 'add, list, rotate, disable, enable or set-key' },
    {
      name: 'NAME|ID',
      description: 'partner name (add) or partner id (rotate, disable, enable, set-key)',
      optional: true,
    },
  ],
  options: {
    industry: { type: 'string', valueName: 'SLUG', description: 'industry of the partner (add)' },
    'public-key': {
      type: 'string',
      valueName: 'B64URL',
      description: "the partner node's X25519 public key, 32 bytes base64url (add, set-key)",
    },
    ...TARGET,
  },
  details: [
    'Examples:',
    '  concord cleanroom partner add "Acme Retail" --industry retail --public-key <key>',
    '  concord cleanroom partner list',
    '  concord cleanroom partner rotate <partner id>',
    '',
    'The credential printed by `add` and `rotate` is shown once: the clean room keeps only its SHA-256.',
  ].join('\n'),
  run: (ctx) =>
    attempt(ctx, async () => {
      const [action, subject] = ctx.args;
      const op = operator(ctx);
      const need = (what: string) => {
        if (!subject) throw new UsageError(`partner ${action} needs ${what}`);
        return subject;
      };
      switch (action) {
        case 'add': {
          const industry = ctx.options.industry as string | undefined;
          const publicKey = ctx.options['public-key'] as string | undefined;
          if (!industry || !publicKey) throw new UsageError('partner add needs --industry and --public-key');
          const r = await op.addPartner({ name: need('a NAME'), industry, publicKey });
          out(
            ctx,
            r,
            `registered ${r.partner.name} (${r.partner.industry})\n  partner id  ${r.partner.id}\n  credential  ${r.credential}\n(shown once: give it to the partner's node as CONCORD_CLEANROOM_CREDENTIAL)`,
          );
          return 0;
        }
        case 'list': {
          const r = await op.operatorListPartners();
          out(
            ctx,
            r,
            r.partners.length === 0
              ? 'no partners'
              : r.partners
                  .map((p) => `${p.id}  ${p.status.padEnd(8)}  ${p.industry.padEnd(12)}  ${p.name}`)
                  .join('\n'),
          );
          return 0;
        }
        case 'rotate': {
          const r = await op.rotateCredential({ partnerId: need('a partner ID') });
          out(
            ctx,
            r,
            `new credential for ${r.partnerId}: ${r.credential}\n(shown once; the old one no longer works)`,
          );
          return 0;
        }
        case 'disable':
        case 'enable': {
          const status = action === 'disable' ? 'disabled' : 'active';
          const r = await op.setPartnerStatus({ partnerId: need('a partner ID'), status });
          out(ctx, r, `${r.partner.name} is now ${r.partner.status}`);
          return 0;
        }
        case 'set-key': {
          const publicKey = ctx.options['public-key'] as string | undefined;
          if (!publicKey) throw new UsageError('partner set-key needs --public-key');
          const r = await op.setPartnerPublicKey({ partnerId: need('a partner ID'), publicKey });
          out(ctx, r, `${r.partner.name} public key updated`);
          return 0;
        }
        default:
          throw new UsageError(`unknown action "${action}" (add, list, rotate, disable, enable, set-key)`);
      }
    }),
};

const audit: Command = {
  summary: "Verify the clean room's audit hash chain (verify) or list events (list)",
  args: [{ name: 'ACTION', description: 'verify or list' }],
  options: {
    after: { type: 'string', valueName: 'SEQ', description: 'list: events after this sequence number' },
    limit: { type: 'string', valueName: 'N', description: 'list: at most N events (default 100)' },
    ...TARGET,
  },
  run: (ctx) =>
    attempt(ctx, async () => {
      const op = operator(ctx);
      if (ctx.args[0] === 'verify') {
        const r = await op.verifyAudit();
        out(
          ctx,
          r,
          r.ok
            ? `audit chain intact: ${r.events} events`
            : `audit chain BROKEN at event ${r.firstBrokenSeq} (${r.events} events verified before it)`,
        );
        return r.ok ? 0 : 1;
      }
      if (ctx.args[0] === 'list') {
        const r = await op.operatorAuditEvents({
          after: Number(ctx.options.after ?? 0),
          limit: Number(ctx.options.limit ?? 100),
        });
        out(
          ctx,
          r,
          r.events
            .map(
              (e) =>
                `${String(e.seq).padStart(6)}  ${e.at}  ${e.action.padEnd(28)}  ${e.actorId ?? 'operator/system'}`,
            )
            .join('\n') || 'no events',
        );
        return 0;
      }
      throw new UsageError('audit needs verify or list');
    }),
};

const sweep: Command = {
  summary: 'Run retention now: expire collaborations, published versions, lists and abandoned uploads',
  options: { ...TARGET },
  run: (ctx) =>
    attempt(ctx, async () => {
      const r = await operator(ctx).sweep();
      out(
        ctx,
        r,
        `expired collaborations ${r.expiredCollaborations}, versions ${r.expiredVersions}, lists ${r.expiredLists}; abandoned uploads ${r.abandonedUploads}`,
      );
      return 0;
    }),
};

export const cleanroomCommands: Record<string, Command> = { invitation, partner, audit, sweep };

export const cleanroomGroup: CommandGroup = {
  name: 'cleanroom',
  summary: 'Clean room operator: invitations, partners, audit chain, retention',
  commands: cleanroomCommands,
};
