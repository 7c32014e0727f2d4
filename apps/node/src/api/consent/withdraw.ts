// consent.withdraw: the customer withdraws consent for some purposes (or all): effective now, removed from publications within seconds.
import { PURPOSES } from '@concord/consent/purposes';
import { withdrawConsent } from '../../consent/record.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';
import { WithdrawInput } from './withdraw.schema.ts';

export const withdraw = can('update', 'Consent')
  .input(WithdrawInput)
  .mutation(async ({ ctx, input }) => {
    const purposes = input.purposes ?? PURPOSES.filter((p) => !p.id.includes('.')).map((p) => p.id);
    const result = await withdrawConsent(depsOf(ctx), {
      ...input,
      purposes,
      actor: ctx.user,
      via: 'console',
    });
    return { eventIds: result.eventIds, withdrawalsQueued: result.ineligible.length };
  });
