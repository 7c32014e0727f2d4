// A small labelled filter select for a card's header (status, kind, subject), outside any form.
export function InlineSelect<V extends string>({
  label,
  value,
  onChange,
  options,
  width,
}: {
  label: string;
  value: V;
  onChange: (value: V) => void;
  /** Each choice: its value and its words. */
  options: readonly (readonly [V, string])[];
  width: number;
}) {
  return (
    <label className="row small">
      <span className="muted">{label}</span>
      <select
        className="select"
        style={{ width, height: 30 }}
        value={value}
        onChange={(e) => onChange(e.target.value as V)}
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
