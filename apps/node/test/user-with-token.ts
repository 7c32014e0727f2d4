// A user with an API token they issued themselves: how HTTP and CLI tests sign in (a token carries its issuer's role).
import type { Kysely } from 'kysely';
import { createApiToken } from '../src/auth/api-tokens.ts';
import { createUser, type UserView } from '../src/auth/users.ts';
import type { Database } from '../src/db/database.ts';
import type { UserRole } from '../src/db/tables/auth.table.ts';

export async function userWithToken(
  db: Kysely<Database>,
  input: { email: string; role: UserRole; password: string; tokenName: string },
): Promise<{ user: UserView; token: string }> {
  const user = await createUser({ db }, input);
  const { token } = await createApiToken(
    { db, now: () => new Date() },
    { name: input.tokenName, actor: user },
  );
  return { user, token };
}
