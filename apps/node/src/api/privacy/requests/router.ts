// privacy.requests.*: data-subject requests as records — the compliance officer's queue.
import { router } from '../../trpc.ts';
import { assign } from './assign.ts';
import { carryOut } from './carry-out.ts';
import { check } from './check.ts';
import { create } from './create.ts';
import { exportAccess } from './export-access.ts';
import { extend } from './extend.ts';
import { get } from './get.ts';
import { importRequests } from './import.ts';
import { list } from './list.ts';

export const requestsRouter = router({
  list,
  get,
  create,
  assign,
  extend,
  carryOut,
  check,
  exportAccess,
  import: importRequests,
});
