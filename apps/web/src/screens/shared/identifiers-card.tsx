// Contact details with every identifier's status: phones in international format, invalid values kept as given with
// their reason, and (for admins) an inline fix that the node re-normalizes on save.

import { ID_TYPE_INFO } from '@concord/identity/id-types';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Can } from '../../ability.tsx';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { Button } from '../../ui/form.tsx';
import { Badge, Card } from '../../ui/layout.tsx';
import { ErrorNote } from '../../ui/states.tsx';
import { useToast } from '../../ui/toast.tsx';

type Customer = RouterOutputs['customers']['get'];
type Identifier = Customer['identifiers'][number];

/** Why a value is not used, in words (identity reason codes, docs/identity.md). */
const REASONS: Record<string, string> = {
  email_at_sign: 'not exactly one @',
  email_local_part: 'malformed before the @',
  email_domain: 'not a valid domain',
  invalid_characters: 'contains characters that do not belong',
  phone_missing_region: 'national number without a country',
  phone_country_code: 'unknown country code',
  phone_too_short: 'too short for its country',
  phone_too_long: 'too long for its country',
  phone_invalid: 'not a number in its country',
  empty: 'empty',
  too_long: 'too long',
  loyalty_card_length: 'not 12–19 digits',
  loyalty_card_check_digit: 'check digit does not match (a typo?)',
  pending: 'not yet checked',
};

const REGION_SOURCE: Record<string, string> = {
  identifier: 'its own country',
  customer: "the customer's country",
  default: "the node's default region",
};

export function IdentifiersCard({ customer }: { customer: Customer }) {
  return (
    <Card title="Contact details" hint="Invalid values are kept as given, never shared with partners.">
      <ul className="stack-sm" style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="identifiers">
        {customer.identifiers.length === 0 ? <li className="muted small">No identifier on record</li> : null}
        {customer.identifiers.map((i) => (
          <IdentifierRow key={`${i.idType}-${i.position}`} customer={customer} identifier={i} />
        ))}
      </ul>
    </Card>
  );
}

function IdentifierRow({ customer, identifier: i }: { customer: Customer; identifier: Identifier }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(i.raw);
  const save = useMutation(
    trpc.customers.update.mutationOptions({
      onSuccess: async (c) => {
        await queryClient.invalidateQueries({ queryKey: trpc.customers.get.pathKey() });
        setEditing(false);
        const now = c.identifiers.find((x) => x.idType === i.idType && x.position === i.position);
        toast(now?.status === 'valid' ? `Saved: ${now.display}` : 'Saved, but the value is still invalid');
      },
    }),
  );
  // The fixed type's whole list, this value replaced (other types are left as they are).
  const list = customer.identifiers
    .filter((x) => x.idType === i.idType)
    .map((x) => ({ type: i.idType, value: x.position === i.position ? value : x.raw }));
  return (
    <li className="stack-sm" data-testid={`identifier-${i.idType}-${i.position}`}>
      <div className="spread small">
        <span>
          <span className="muted">{ID_TYPE_INFO[i.idType].label} · </span>
          <span style={{ fontWeight: 550 }}>{i.display}</span>
        </span>
        {i.status === 'valid' ? (
          <Badge tone="ok">valid</Badge>
        ) : (
          <Badge tone="warn">invalid: {REASONS[i.reason ?? 'pending'] ?? i.reason}</Badge>
        )}
      </div>
      {i.regionSource && i.regionSource !== 'number' ? (
        <div className="small muted">
          read in {i.region} ({REGION_SOURCE[i.regionSource] ?? i.regionSource})
        </div>
      ) : null}
      {i.status !== 'valid' ? (
        <Can I="update" a="Customer">
          {editing ? (
            <form
              className="actions"
              onSubmit={(e) => {
                e.preventDefault();
                save.mutate({
                  id: customer.id,
                  patch: { identifiers: list },
                });
              }}
            >
              <input
                className="input"
                aria-label={`Fix ${i.idType}`}
                value={value}
                onChange={(e) => setValue(e.target.value)}
              />
              <Button size="sm" type="submit" busy={save.isPending}>
                Save
              </Button>
            </form>
          ) : (
            <Button size="sm" onClick={() => setEditing(true)}>
              Fix
            </Button>
          )}
        </Can>
      ) : null}
      {save.isError ? <ErrorNote error={save.error} /> : null}
    </li>
  );
}
