// imports.formats: the columns each import kind knows (for the console's column mapping).
import { formatColumns } from '../../crm/import/mapping.ts';
import { can } from '../trpc.ts';

export const formats = can('read', 'Import').query(() => ({
  customers: formatColumns('customers'),
  purchases: formatColumns('purchases'),
  interactions: formatColumns('interactions'),
}));
