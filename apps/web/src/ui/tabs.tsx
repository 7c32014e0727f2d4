// A row of tab buttons that picks one value (a filter or a period), announced as a tab list.
import type { CSSProperties } from 'react';

export function Tabs<V extends string>({
  label,
  values,
  value,
  onChange,
  text,
  style,
}: {
  /** The tab list's accessible name. */
  label: string;
  values: readonly V[];
  value: V;
  onChange: (value: V) => void;
  /** Each value's words on its tab. */
  text: (value: V) => string;
  style?: CSSProperties;
}) {
  return (
    <div className="tabs" role="tablist" aria-label={label} style={style}>
      {values.map((v) => (
        <button
          key={v}
          type="button"
          role="tab"
          className="tab"
          aria-selected={value === v}
          onClick={() => onChange(v)}
        >
          {text(v)}
        </button>
      ))}
    </div>
  );
}
