// imports.get: progress of one import (status, rows read/inserted/updated/unchanged/failed, bytes, last line).
import { z } from 'zod';
import { getImport } from '../../crm/import/jobs.ts';
import { can } from '../trpc.ts';

export const get = can('read', 'Import')
  .input(z.object({ id: z.string().uuid() }))
  .query(({ ctx, input }) => getImport(ctx.db, input.id));
