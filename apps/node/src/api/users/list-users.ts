// users.list: every user of this node (admin).
import { listUsers } from '../../auth/users.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const list = can('read', 'User').query(({ ctx }) => listUsers(depsOf(ctx)));
