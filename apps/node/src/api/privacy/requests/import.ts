// privacy.requests.import: logs many requests from a CSV; good rows land, bad rows come back with line and reason.
import { z } from 'zod';
import { depsOf } from '../../../deps.ts';
import { importPrivacyRequestsCsv } from '../../../privacy/import.ts';
import { can } from '../../trpc.ts';

export const ImportPrivacyRequestsInput = z.object({ csv: z.string().max(5_000_000) });

async function* textSource(text: string): AsyncGenerator<string> {
  yield text;
}

export const importRequests = can('create', 'PrivacyRequest')
  .input(ImportPrivacyRequestsInput)
  .mutation(({ ctx, input }) =>
    importPrivacyRequestsCsv(depsOf(ctx), { source: textSource(input.csv), actor: ctx.user }),
  );
