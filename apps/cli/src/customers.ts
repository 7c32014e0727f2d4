// Customers as a person types them: a customer number (external id), an e-mail address, a name, or the internal id.
import { UsageError } from './framework.ts';
import type { NodeApi } from './trpc.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The internal id of the one customer `ref` names. An exact customer number wins; otherwise the node's search
 * (e-mail, first or last name prefix) must find exactly one person, or the command lists who it found.
 */
export async function resolveCustomer(api: NodeApi, ref: string): Promise<string> {
  if (UUID.test(ref)) return ref;
  const { items } = await api.customers.list.query({ search: ref, limit: 10 });
  const exact = items.find((c) => c.externalId === ref);
  if (exact) return exact.id;
  if (items.length === 1) return items[0]!.id;
  if (items.length === 0)
    throw new UsageError(`no customer matches "${ref}" (customer number, e-mail or name)`);
  const names = items.map((c) => `${c.externalId} (${[c.firstName, c.lastName].filter(Boolean).join(' ')})`);
  throw new UsageError(`"${ref}" matches several customers: ${names.join(', ')}; give the customer number`);
}
