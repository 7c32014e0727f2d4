// `concord setup`: first-run setup of a node without users, from a terminal (the console's /setup does the same).
import type { Command, CommandGroup } from '../framework.ts';
import { UsageError } from '../framework.ts';
import { nodeApi } from '../trpc.ts';

const admin: Command = {
  summary:
    'Create the first admin with the one-time code the node printed (password from $CONCORD_NEW_PASSWORD)',
  options: {
    code: { type: 'string', valueName: 'CODE', description: 'the setup code the node printed at start' },
    email: { type: 'string', valueName: 'EMAIL', description: "the administrator's sign-in email" },
    name: { type: 'string', valueName: 'NAME', description: 'display name (optional)' },
  },
  details: [
    'Example:',
    '  CONCORD_NEW_PASSWORD=… concord setup admin --node http://127.0.0.1:4101 --code ABCDE-… --email ops@acme.example',
    '',
    'Prints an API token for the new admin on stdout (shown once): `export CONCORD_TOKEN=<token>`.',
    'The code works once and expires (24 h by default); restarting an empty node prints a new one.',
  ].join('\n'),
  run: async (ctx) => {
    const code = ctx.options.code as string | undefined;
    const email = ctx.options.email as string | undefined;
    if (!code || !email) throw new UsageError('--code and --email are required');
    // Never on the command line: argv is visible to other users of the machine.
    const password = ctx.io.env.CONCORD_NEW_PASSWORD;
    if (!password) throw new UsageError('set CONCORD_NEW_PASSWORD to the administrator password');
    const res = await nodeApi(ctx).setup.complete.mutate({
      code,
      email,
      password,
      displayName: (ctx.options.name as string | undefined) ?? null,
      issueToken: true,
    });
    ctx.io.stderr.write(
      `created administrator ${res.user.email}; API token below (shown once): export CONCORD_TOKEN=<token>\n`,
    );
    ctx.io.stdout.write(`${res.token}\n`);
    return 0;
  },
};

const status: Command = {
  summary: 'Say whether the node still waits for its first admin',
  run: async (ctx) => {
    const { needed } = await nodeApi(ctx).setup.status.query();
    ctx.io.stdout.write(needed ? 'setup needed: the node has no users yet\n' : 'set up\n');
    return 0;
  },
};

export const setupGroup: CommandGroup = {
  name: 'setup',
  summary: 'First-run setup of a node without users',
  commands: { admin, status },
};
