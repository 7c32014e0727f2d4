// Input of consent.import: the contract shared with the console and the CLI (`@concord/node/contract`).
import { z } from 'zod';

export const ImportConsentsInput = z.object({
  fileName: z.string().min(1).max(200).default('upload.csv'),
  /** The file's text; large files go through the streaming upload route instead. */
  csv: z.string().max(20_000_000),
});
