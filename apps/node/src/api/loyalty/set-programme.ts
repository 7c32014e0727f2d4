// loyalty.setProgramme (admin): replace the programme's rules.

import { ProgrammeInput, setProgramme as save } from '../../crm/loyalty/programme.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const setProgramme = can('update', 'Loyalty')
  .input(ProgrammeInput)
  .mutation(({ ctx, input }) => save(depsOf(ctx), input));
