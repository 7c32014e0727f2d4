// `concord node …`: this node's membership in the clean room (join with an invitation code, rotate, revoke).
import type { Command, CommandGroup } from '../framework.ts';
import { UsageError } from '../framework.ts';
import { nodeApi } from '../trpc.ts';
import { init } from './node-init.ts';

const join: Command = {
  summary: "Join the clean room with the operator's invitation code (admin)",
  options: { code: { type: 'string', valueName: 'CODE', description: 'the invitation code (cci_…)' } },
  details: 'The node registers its public key and keeps the credential it receives; nothing to copy.',
  run: async (ctx) => {
    const code = ctx.options.code as string | undefined;
    if (!code) throw new UsageError('--code is required');
    const r = await nodeApi(ctx).cleanroom.join.mutate({ code });
    ctx.io.stdout.write(
      `joined the clean room as ${r.partner.name} (${r.partner.industry}), partner ${r.partner.id}\n`,
    );
    return 0;
  },
};

const rotate: Command = {
  summary: "Rotate this node's clean-room credential; the old one stops working at once (admin)",
  run: async (ctx) => {
    const r = await nodeApi(ctx).cleanroom.rotate.mutate();
    ctx.io.stdout.write(`credential rotated for partner ${r.partnerId}\n`);
    return 0;
  },
};

const revoke: Command = {
  summary: "Revoke this node's clean-room credential: it leaves until invited again (admin)",
  run: async (ctx) => {
    const r = await nodeApi(ctx).cleanroom.revoke.mutate();
    ctx.io.stdout.write(`credential revoked for partner ${r.partnerId}\n`);
    return 0;
  },
};

const status: Command = {
  summary: 'Show whether the node reaches the clean room and as whom',
  run: async (ctx) => {
    const s = await nodeApi(ctx).system.status.query();
    const c = s.cleanroom;
    ctx.io.stdout.write(
      !c.configured
        ? 'not joined to a clean room\n'
        : c.reachable
          ? `connected as ${c.partnerName} (${c.latencyMs} ms)\n`
          : `clean room unreachable: ${c.error}\n`,
    );
    return c.configured && c.reachable ? 0 : 1;
  },
};

export const nodeGroup: CommandGroup = {
  name: 'node',
  summary: 'This node: write its configuration, join the clean room, rotate or revoke its credential',
  commands: { init, join, rotate, revoke, status },
};
