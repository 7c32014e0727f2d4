// `concord users …`: list and create node users, unlock sign-in and reset passwords, issue (for yourself) and
// revoke API tokens for the CLI.
import type { Command, CommandGroup } from '../framework.ts';
import { UsageError } from '../framework.ts';
import { nodeTarget, trpcMutation, trpcQuery } from '../node-client.ts';

interface User {
  id: string;
  email: string;
  role: string;
  disabled: boolean;
  lockedOut?: boolean;
}

const ROLES = ['admin', 'compliance', 'marketer'];

const list: Command = {
  summary: 'List users and their roles',
  options: { json: { type: 'boolean', description: 'print JSON lines' } },
  run: async (ctx) => {
    const users = await trpcQuery<User[]>(nodeTarget(ctx), 'users.list', {});
    for (const u of users) {
      ctx.io.stdout.write(
        ctx.options.json
          ? `${JSON.stringify(u)}\n`
          : `${u.id}  ${u.role.padEnd(10)}  ${u.email}${u.disabled ? '  (disabled)' : ''}${u.lockedOut ? '  (sign-in paused)' : ''}\n`,
      );
    }
    return 0;
  },
};

const create: Command = {
  summary: 'Create a user (the password is read from $CONCORD_NEW_PASSWORD)',
  args: [
    { name: 'EMAIL', description: 'sign-in email' },
    { name: 'ROLE', description: 'admin, compliance or marketer' },
  ],
  run: async (ctx) => {
    const [email, role] = ctx.args as [string, string];
    if (!ROLES.includes(role)) throw new UsageError(`ROLE must be one of ${ROLES.join(', ')}`);
    // Never on the command line: argv is visible to other users of the machine.
    const password = ctx.io.env.CONCORD_NEW_PASSWORD;
    if (!password) throw new UsageError('set CONCORD_NEW_PASSWORD to the initial password');
    const user = await trpcMutation<User>(nodeTarget(ctx), 'users.create', { email, role, password });
    ctx.io.stdout.write(`created ${user.email} (${user.role}) ${user.id}\n`);
    return 0;
  },
};

const unlock: Command = {
  summary: 'Lift a sign-in pause (after repeated failed sign-ins) from every address',
  args: [{ name: 'USER_ID', description: 'user id (see `concord users list`)' }],
  run: async (ctx) => {
    const user = await trpcMutation<User>(nodeTarget(ctx), 'users.unlock', { id: ctx.args[0] });
    ctx.io.stdout.write(`${user.email} can sign in again\n`);
    return 0;
  },
};

const resetPassword: Command = {
  summary:
    "Set another admin's password (read from $CONCORD_NEW_PASSWORD); ends their sessions and lifts any pause",
  args: [{ name: 'USER_ID', description: 'user id (see `concord users list`)' }],
  run: async (ctx) => {
    const password = ctx.io.env.CONCORD_NEW_PASSWORD;
    if (!password) throw new UsageError('set CONCORD_NEW_PASSWORD to the new password');
    const user = await trpcMutation<User>(nodeTarget(ctx), 'users.update', { id: ctx.args[0], password });
    ctx.io.stdout.write(`new password set for ${user.email}\n`);
    return 0;
  },
};

const token: Command = {
  summary: 'Issue an API token for yourself, carrying your own role (printed once)',
  args: [{ name: 'NAME', description: 'what the token is for, e.g. "ops laptop"' }],
  details: 'Tokens are issued by their holder: nobody, not even an admin, issues one for someone else.',
  run: async (ctx) => {
    const [name] = ctx.args as [string];
    const res = await trpcMutation<{ token: string; view: { id: string } }>(
      nodeTarget(ctx),
      'users.createToken',
      {
        name,
      },
    );
    ctx.io.stderr.write(`token ${res.view.id} created; store it now, it is not shown again:\n`);
    ctx.io.stdout.write(`${res.token}\n`);
    return 0;
  },
};

const revoke: Command = {
  summary: 'Revoke an API token',
  args: [{ name: 'TOKEN_ID', description: 'token id' }],
  run: async (ctx) => {
    await trpcMutation(nodeTarget(ctx), 'users.revokeToken', { id: ctx.args[0] });
    ctx.io.stdout.write('revoked\n');
    return 0;
  },
};

export const usersGroup: CommandGroup = {
  name: 'users',
  summary: 'Users, roles and API tokens',
  commands: { list, create, unlock, 'reset-password': resetPassword, token, revoke },
};
