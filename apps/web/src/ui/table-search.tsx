// A table's search box bound to the URL's `q`: typing replaces the history entry (debounced), so Back skips
// keystrokes but keeps the search, and a reload shows the same rows.
import { useEffect, useId, useState } from 'react';
import { Icon } from './icons.tsx';
import type { TableUrl } from './url-state.ts';

export function useDebounced<T>(value: T, ms = 250): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export function TableSearch({
  url,
  label,
  placeholder,
  autoFocus,
}: {
  url: TableUrl;
  label: string;
  placeholder: string;
  autoFocus?: boolean;
}) {
  const id = useId();
  const fromUrl = url.get('q') ?? '';
  const [search, setSearch] = useState(fromUrl);
  const q = useDebounced(search.trim());
  useEffect(() => setSearch(fromUrl), [fromUrl]);
  // Only the debounced value writes the URL; the URL writes back through `fromUrl` (Back, a view, a link).
  useEffect(() => {
    if (q !== fromUrl) url.set({ q }, { replace: true });
  }, [q]);
  return (
    <div className="search" style={{ maxWidth: 560 }}>
      <Icon name="search" />
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        className="input"
        type="search"
        placeholder={placeholder}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        // biome-ignore lint/a11y/noAutofocus: only where search is the one thing the screen is for
        autoFocus={autoFocus}
      />
    </div>
  );
}
