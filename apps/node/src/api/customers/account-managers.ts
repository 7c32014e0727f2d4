// customers.accountManagers: who can own customers (active admins and marketers), for the owner picker and labels.
import { listAccountManagers } from '../../crm/customers/profile.ts';
import { can } from '../trpc.ts';

export const accountManagers = can('read', 'Customer').query(({ ctx }) => listAccountManagers(ctx.db));
