// Bulk actions over the selected rows of a table: a pluggable list, each action shown only to roles allowed it.
import type { ReactNode } from 'react';
import { allows, type Need, useAppAbility } from '../ability.tsx';
import { Button } from './form.tsx';
import type { IconName } from './icons.tsx';

export interface BulkAction<T> {
  id: string;
  label: string;
  icon?: IconName;
  /** The CASL permission the action needs; hidden otherwise (the node checks again). */
  need?: Need;
  /** Runs on the selected rows; may return a message for the bar. */
  run: (rows: T[]) => Promise<ReactNode | undefined> | ReactNode | undefined;
}

export function BulkBar<T>({
  actions,
  rows,
  onClear,
}: {
  actions: readonly BulkAction<T>[];
  rows: T[];
  onClear: () => void;
}) {
  const ability = useAppAbility();
  const allowed = actions.filter((a) => !a.need || allows(ability, [a.need]));
  if (rows.length === 0 || allowed.length === 0) return null;
  return (
    <section className="bulk-bar" aria-label="Bulk actions" data-testid="bulk-bar">
      <strong>{rows.length} selected</strong>
      {allowed.map((a) => (
        <Button key={a.id} size="sm" {...(a.icon ? { icon: a.icon } : {})} onClick={() => void a.run(rows)}>
          {a.label}
        </Button>
      ))}
      <Button size="sm" variant="ghost" onClick={onClear}>
        Clear selection
      </Button>
    </section>
  );
}
