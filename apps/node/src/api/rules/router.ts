// rules.*: versioned compliance rules per purpose.
import { router } from '../trpc.ts';
import { list } from './list-rules.ts';
import { history } from './rule-history.ts';
import { set } from './set-rule.ts';

export const rulesRouter = router({ list, history, set });
