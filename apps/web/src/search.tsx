// Global search (Ctrl+K, ⌘K or "/"): one box across customers, segments, lists, collaborations and campaigns.
// The node searches only the kinds the caller may read; Arrow keys move, Enter opens, Escape closes.
import { useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { allows, type Need, useAppAbility } from './ability.tsx';
import { navigate } from './router.tsx';
import { type RouterOutputs, useTRPC } from './trpc.ts';
import { Icon, type IconName } from './ui/icons.tsx';

type Result = RouterOutputs['search']['global'][number];

const KIND: Record<Result['kind'], { label: string; icon: IconName }> = {
  customer: { label: 'Customer', icon: 'users' },
  segment: { label: 'Segment', icon: 'layers' },
  list: { label: 'List', icon: 'list' },
  collaboration: { label: 'Collaboration', icon: 'handshake' },
  campaign: { label: 'Campaign', icon: 'chart' },
};

/** Where a result opens; collaborations open where the role works with them. */
function useHref() {
  const ability = useAppAbility();
  const first = (options: [string, Need[]][]) => options.find(([, need]) => allows(ability, need))?.[0];
  return (r: Result): string | undefined => {
    switch (r.kind) {
      case 'customer':
        return `/customers/${r.id}`;
      case 'segment':
        return `/segments/${r.id}`;
      case 'list':
        return `/lists/${r.id}`;
      case 'campaign':
        return `/campaigns/${r.id}`;
      case 'collaboration':
        return first([
          ['/compliance/collaborations', [['approve', 'Collaboration']]],
          ['/catalogue', [['read', 'Publication']]],
        ]);
    }
  };
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

export function GlobalSearch() {
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const combo = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k';
      if (combo || (e.key === '/' && !isTyping(e.target))) {
        e.preventDefault();
        setOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
    if (!open && dialog.current?.open) dialog.current.close();
  }, [open]);
  return (
    <>
      <button type="button" className="btn btn-ghost btn-sm search-open" onClick={() => setOpen(true)}>
        <Icon name="search" />
        Search
        <kbd className="muted small">Ctrl K</kbd>
      </button>
      <dialog
        ref={dialog}
        className="search-dialog"
        aria-label="Search everything"
        onClose={() => setOpen(false)}
      >
        {open ? <SearchBox onDone={() => setOpen(false)} /> : null}
      </dialog>
    </>
  );
}

function useDebounced(value: string, ms: number): string {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

function SearchBox({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const href = useHref();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const q = useDebounced(text.trim(), 150);
  const search = useQuery(
    trpc.search.global.queryOptions({ q }, { enabled: q.length > 0, placeholderData: (prev) => prev }),
  );
  const results = q.length > 0 ? (search.data ?? []).filter((r) => href(r)) : [];
  useEffect(() => setActive(0), [q]);
  const go = (r: Result | undefined) => {
    const to = r && href(r);
    if (!to) return;
    onDone();
    navigate(to);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, results.length - 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
    else if (e.key === 'Enter') go(results[active]);
    else return;
    e.preventDefault();
  };
  return (
    <div className="stack-sm">
      <input
        className="input"
        role="combobox"
        aria-label="Search customers, segments, lists, collaborations and campaigns"
        aria-expanded={results.length > 0}
        aria-controls="search-results"
        aria-activedescendant={results[active] ? `search-${active}` : undefined}
        placeholder="Search customers, segments, lists, collaborations, campaigns…"
        ref={input}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <div id="search-results" role="listbox" className="search-results" aria-label="Results">
        {results.map((r, i) => (
          <div
            key={`${r.kind}-${r.id}`}
            id={`search-${i}`}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            className="search-result"
            onMouseEnter={() => setActive(i)}
            onClick={() => go(r)}
            onKeyDown={() => {}}
          >
            <Icon name={KIND[r.kind].icon} />
            <span style={{ minWidth: 0 }}>
              <span style={{ fontWeight: 550 }}>{r.title}</span>
              {r.detail ? <span className="small muted"> · {r.detail}</span> : null}
            </span>
            <span className="small muted">{KIND[r.kind].label}</span>
          </div>
        ))}
      </div>
      {q.length > 0 && search.isSuccess && results.length === 0 ? (
        <p className="muted small" role="status">
          Nothing found for “{q}”.
        </p>
      ) : null}
      <p className="muted small">↑ ↓ to move · Enter to open · Esc to close</p>
    </div>
  );
}
