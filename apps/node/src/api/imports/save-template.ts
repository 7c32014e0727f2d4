// imports.saveTemplate: store a column mapping under a name (same kind and name again = replace its mapping).

import { z } from 'zod';
import { ColumnMapping } from '../../crm/import/mapping.ts';
import { saveTemplate } from '../../crm/import/templates.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';
import { ImportKindInput } from './list-templates.ts';

export const SaveTemplateInput = z.object({
  kind: ImportKindInput,
  name: z.string().trim().min(1, 'give the template a name').max(80, 'at most 80 characters'),
  mapping: ColumnMapping,
});

export const saveTemplateProcedure = can('create', 'Import')
  .input(SaveTemplateInput)
  .mutation(({ ctx, input }) => saveTemplate(depsOf(ctx), { ...input, createdBy: ctx.user.id }));
