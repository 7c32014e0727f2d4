// imports.templates: saved column mappings for one import kind, by name.
import { z } from 'zod';
import { listTemplates } from '../../crm/import/templates.ts';
import { can } from '../trpc.ts';

export const ImportKindInput = z.enum(['customers', 'purchases', 'interactions']);

export const templates = can('read', 'Import')
  .input(z.object({ kind: ImportKindInput }))
  .query(({ ctx, input }) => listTemplates(ctx.db, input.kind));
