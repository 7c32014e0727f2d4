// consent.import: a consent CSV (see docs/consent.md for columns); good rows land, bad rows come back with line and reason.
import { z } from 'zod';
import { importConsentsCsv } from '../../consent/import.ts';
import { can } from '../trpc.ts';

export const ImportConsentsInput = z.object({
  fileName: z.string().min(1).max(200).default('upload.csv'),
  /** The file's text; large files go through the streaming upload route instead. */
  csv: z.string().max(20_000_000),
});

async function* textSource(text: string): AsyncGenerator<string> {
  yield text;
}

export const importConsents = can('import', 'Consent')
  .input(ImportConsentsInput)
  .mutation(({ ctx, input }) =>
    importConsentsCsv(ctx.db, textSource(input.csv), {
      actor: ctx.user,
      fileName: input.fileName,
      now: ctx.now,
    }),
  );
