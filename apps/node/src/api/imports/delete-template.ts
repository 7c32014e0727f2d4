// imports.deleteTemplate: remove a saved column mapping.
import { z } from 'zod';
import { deleteTemplate } from '../../crm/import/templates.ts';
import { can } from '../trpc.ts';

export const deleteTemplateProcedure = can('create', 'Import')
  .input(z.object({ id: z.string().uuid() }))
  .mutation(({ ctx, input }) => deleteTemplate(ctx.db, input.id));
