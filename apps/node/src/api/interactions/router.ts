// interactions.*: contacts and service cases entered in the console.
import { router } from '../trpc.ts';
import { remove, restore } from './delete-interaction.ts';
import { log } from './log-interaction.ts';
import { update } from './update-interaction.ts';

export const interactionsRouter = router({ log, update, delete: remove, restore });
