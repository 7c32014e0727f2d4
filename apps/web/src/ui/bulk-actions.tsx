// Bulk actions over the selected rows of a table: a pluggable list, each action shown only to roles allowed it.
// An action either runs at once (`run`) or opens a small panel under the bar that asks for its input (`Panel`,
// e.g. the tag to add); either may leave a message in the bar.
import { type ComponentType, type ReactNode, useEffect, useState } from 'react';
import { allows, type Need, useAppAbility } from '../ability.tsx';
import { Button } from './form.tsx';
import type { IconName } from './icons.tsx';

export interface BulkPanelProps<T> {
  rows: T[];
  /** Closes the panel; a message is shown in the bar. */
  onDone: (message?: ReactNode) => void;
}

export interface BulkAction<T> {
  id: string;
  label: string;
  icon?: IconName;
  /** The CASL permission the action needs; hidden otherwise (the node checks again). */
  need?: Need;
  /** Runs on the selected rows; may return a message for the bar. */
  run?: (rows: T[]) => Promise<ReactNode | undefined> | ReactNode | undefined;
  /** Asks for the action's input first, in a panel under the bar. */
  Panel?: ComponentType<BulkPanelProps<T>>;
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
  const [open, setOpen] = useState<string | null>(null);
  const [message, setMessage] = useState<ReactNode>(null);
  const allowed = actions.filter((a) => !a.need || allows(ability, [a.need]));
  const none = rows.length === 0;
  useEffect(() => {
    if (none) setOpen(null);
  }, [none]);
  if (allowed.length === 0 || (none && !message)) return null;
  const Panel = allowed.find((a) => a.id === open)?.Panel;
  const start = async (a: BulkAction<T>) => {
    setMessage(null);
    if (a.Panel) setOpen(a.id);
    else setMessage((await a.run?.(rows)) ?? null);
  };
  return (
    <section className="bulk-bar" aria-label="Bulk actions" data-testid="bulk-bar">
      {none ? null : <strong>{rows.length} selected</strong>}
      {none
        ? null
        : allowed.map((a) => (
            <Button
              key={a.id}
              size="sm"
              {...(a.icon ? { icon: a.icon } : {})}
              aria-expanded={a.Panel ? open === a.id : undefined}
              onClick={() => void start(a)}
            >
              {a.label}
            </Button>
          ))}
      {none ? null : (
        <Button size="sm" variant="ghost" onClick={onClear}>
          Clear selection
        </Button>
      )}
      {message ? (
        <output className="small" data-testid="bulk-message">
          {message}
        </output>
      ) : null}
      {Panel && !none ? (
        <div className="bulk-panel">
          <Panel
            rows={rows}
            onDone={(m) => {
              setOpen(null);
              setMessage(m ?? null);
            }}
          />
        </div>
      ) : null}
    </section>
  );
}
