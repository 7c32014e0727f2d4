// followups.*: planned next contacts per owner, and the overdue view.
import { router } from '../trpc.ts';
import { create } from './create-followup.ts';
import { list } from './list-followups.ts';
import { overdue } from './overdue-followups.ts';
import { update } from './update-followup.ts';

export const followupsRouter = router({ list, overdue, create, update });
