// The row-level CASL check for the working record: marketers change the customers they manage and unowned ones.
import { type AppAbility, rowSubject } from '@concord/access';
import { ConcordError } from '@concord/protocol/errors';
import type { AuthorizeRecord } from '../../crm/customers/profile.ts';

export function authorizeRecord(ability: AppAbility): AuthorizeRecord {
  return (ownerId) => {
    if (!ability.can('update', rowSubject('CustomerProfile', { ownerId }))) {
      throw new ConcordError('FORBIDDEN', 'this customer is managed by another account manager');
    }
  };
}
