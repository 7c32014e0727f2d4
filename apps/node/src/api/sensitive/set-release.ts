// sensitive.setRelease (compliance): release (or, with no fields, revoke) demographic fields for one purpose.

import { z } from 'zod';
import { SENSITIVE_FIELDS } from '../../crm/demographics/fields.ts';
import { setRelease as save } from '../../crm/demographics/release.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const SetReleaseInput = z.object({
  purpose: z.string().min(1).max(100),
  fields: z.array(z.enum(SENSITIVE_FIELDS)).max(6),
  channels: z.array(z.enum(['publication', 'export'])).max(2),
  note: z.string().max(1000).nullable().optional(),
});

export const setRelease = can('update', 'ConsentRule')
  .input(SetReleaseInput)
  .mutation(({ ctx, input }) => save(depsOf(ctx), { ...input, actor: ctx.user }));
