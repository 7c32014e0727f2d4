// consent.*: the consent log of each customer, eligibility checks, withdrawals, GPC, imports.
import { router } from '../trpc.ts';
import { check } from './check.ts';
import { current } from './current.ts';
import { gpc } from './gpc.ts';
import { history } from './history.ts';
import { importConsents } from './import-consents.ts';
import { purposes } from './purposes.ts';
import { record } from './record.ts';
import { sweepExpired } from './sweep-expired.ts';
import { withdraw } from './withdraw.ts';

export const consentRouter = router({
  purposes,
  history,
  current,
  check,
  record,
  withdraw,
  gpc,
  import: importConsents,
  sweepExpired,
});
