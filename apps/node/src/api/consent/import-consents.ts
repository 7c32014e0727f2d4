// consent.import: a consent CSV (see docs/consent.md for columns); good rows land, bad rows come back with line and reason.
import { importConsentsCsv } from '../../consent/import.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';
import { ImportConsentsInput } from './import-consents.schema.ts';

async function* textSource(text: string): AsyncGenerator<string> {
  yield text;
}

export const importConsents = can('import', 'Consent')
  .input(ImportConsentsInput)
  .mutation(({ ctx, input }) =>
    importConsentsCsv(depsOf(ctx), {
      source: textSource(input.csv),
      actor: ctx.user,
      fileName: input.fileName,
    }),
  );
