// Input of notices.publish: the contract shared with the console and the CLI (`@concord/node/contract`).
import { PurposeId } from '@concord/consent/events';
import { z } from 'zod';

export const PublishNoticeInput = z.object({
  key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,60}$/, 'Lower-case letters, digits and dashes'),
  title: z.string().min(1, 'Give the notice a title').max(200),
  language: z.string().min(2).max(10),
  body: z.string().min(1, 'Paste the exact text customers see').max(100_000),
  purposes: z.array(PurposeId).min(1, 'Choose the purposes this notice asks for'),
});
