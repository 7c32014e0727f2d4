// The customer table's filters; every value lives in the URL (`f.*`), typing replaces the history entry.
import { useEffect, useState } from 'react';
import type { TableUrl } from '../../ui/url-state.ts';

function TextFilter({
  url,
  name,
  label,
  placeholder,
  maxLength,
}: {
  url: TableUrl;
  name: string;
  label: string;
  placeholder: string;
  maxLength: number;
}) {
  const key = `f.${name}`;
  const fromUrl = url.get(key) ?? '';
  const [value, setValue] = useState(fromUrl);
  useEffect(() => setValue(fromUrl), [fromUrl]);
  return (
    <div className="filter">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <input
        id={`filter-${name}`}
        className="input input-sm"
        placeholder={placeholder}
        maxLength={maxLength}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onBlur={() => value !== fromUrl && url.set({ [key]: value.trim() })}
        onKeyDown={(e) => e.key === 'Enter' && url.set({ [key]: value.trim() })}
      />
    </div>
  );
}

function SelectFilter({
  url,
  name,
  label,
  options,
}: {
  url: TableUrl;
  name: string;
  label: string;
  options: readonly (readonly [string, string])[];
}) {
  const key = `f.${name}`;
  return (
    <div className="filter">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select
        id={`filter-${name}`}
        className="select select-sm"
        value={url.get(key) ?? ''}
        onChange={(e) => url.set({ [key]: e.target.value })}
      >
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

export function CustomerFilters({ url }: { url: TableUrl }) {
  return (
    <div className="filters" data-testid="customer-filters">
      <TextFilter url={url} name="country" label="Country" placeholder="DE" maxLength={2} />
      <TextFilter url={url} name="city" label="City" placeholder="Any city" maxLength={100} />
      <SelectFilter
        url={url}
        name="email"
        label="Email"
        options={[
          ['', 'Any'],
          ['yes', 'Has a valid email'],
          ['no', 'No valid email'],
        ]}
      />
      <SelectFilter
        url={url}
        name="status"
        label="Status"
        options={[
          ['', 'Active'],
          ['deleted', 'Deleted'],
          ['all', 'All'],
        ]}
      />
    </div>
  );
}

/** The URL's filters as customers.table expects them (unknown values are left out, never sent raw). */
export function filtersFromUrl(url: TableUrl) {
  const email = url.get('f.email');
  const raw = url.get('f.status');
  const status: 'active' | 'deleted' | 'all' = raw === 'deleted' || raw === 'all' ? raw : 'active';
  const country = url.get('f.country');
  return {
    ...(country && /^[A-Za-z]{2}$/.test(country) ? { country } : {}),
    ...(url.get('f.city') ? { city: url.get('f.city')!.slice(0, 100) } : {}),
    ...(email === 'yes' ? { hasEmail: true } : email === 'no' ? { hasEmail: false } : {}),
    status,
  };
}
