// The console tables that can have saved views, each with the subject a user must be allowed to read to use it.
import type { AppAbility, Subject } from '@concord/access';
import { abilityWhere } from '@concord/access/sql';
import { ConcordError } from '@concord/protocol/errors';
import { z } from 'zod';

export const VIEW_TABLES = {
  customers: 'Customer',
  segments: 'Segment',
  campaigns: 'Campaign',
  imports: 'Import',
  audit: 'AuditLog',
} as const satisfies Record<string, Subject>;

export const ViewTable = z.enum(Object.keys(VIEW_TABLES) as [keyof typeof VIEW_TABLES]);
export type ViewTable = z.infer<typeof ViewTable>;

/** A view of a table the role may not read is refused like the table itself. */
export function assertTableReadable(ability: AppAbility, table: ViewTable) {
  const subject = VIEW_TABLES[table];
  if (!ability.can('read', subject)) throw new ConcordError('FORBIDDEN', `no access to the ${table} table`);
}

/** The caller's own views, as SQL over alias `v`. */
export function viewScope(ability: AppAbility, action: 'read' | 'delete') {
  return abilityWhere(ability, action, 'SavedView', { ownerId: 'v.owner_id' });
}
