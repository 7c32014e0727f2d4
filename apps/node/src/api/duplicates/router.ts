// duplicates.*: probable duplicates within the node, merge and undo.
import { router } from '../trpc.ts';
import { dismiss } from './dismiss-duplicate.ts';
import { list } from './list-duplicates.ts';
import { merge } from './merge-customers.ts';
import { scan } from './scan-duplicates.ts';
import { unmerge } from './unmerge-customers.ts';

export const duplicatesRouter = router({ list, scan, dismiss, merge, unmerge });
