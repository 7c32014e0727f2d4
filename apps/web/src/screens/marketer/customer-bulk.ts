// Bulk actions on selected customers. A pluggable list: add an entry (with the CASL permission it needs) and the
// customer table shows it. Tagging and assigning an owner plug in here once customers have tags and owners.
import type { RouterOutputs } from '../../trpc.ts';
import type { BulkAction } from '../../ui/bulk-actions.tsx';
import { csvCell, downloadText } from '../../ui/download.ts';

export type CustomerRow = RouterOutputs['customers']['table']['items'][number];

const exportSelected: BulkAction<CustomerRow> = {
  id: 'export',
  label: 'Export CSV',
  icon: 'download',
  need: ['read', 'Customer'],
  run: (rows) => {
    const header = 'external_id,first_name,last_name,email,phone,city,country';
    const lines = rows.map((c) =>
      [c.externalId, c.firstName, c.lastName, c.primaryEmail, c.primaryPhone, c.city, c.country]
        .map(csvCell)
        .join(','),
    );
    downloadText(`customers-${rows.length}.csv`, `${[header, ...lines].join('\r\n')}\r\n`);
    return undefined;
  },
};

export const CUSTOMER_BULK_ACTIONS: readonly BulkAction<CustomerRow>[] = [exportSelected];
