// Column mapping for an import: each column of the file's header goes to a column of the format, stays as a free
// attribute, or is left out. Mappings can be saved as named templates (imports.saveTemplate) and applied again.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../trpc.ts';
import { Button } from '../../ui/form.tsx';
import { ErrorNote } from '../../ui/states.tsx';

export type ImportKind = 'customers' | 'purchases' | 'interactions';
/** Source column → target column; '' = leave out; a column missing from the mapping keeps its own name. */
export type Mapping = Record<string, string>;

const KEEP = '__keep';

/** The header line of a CSV (first record; quoted names with commas or quotes are read correctly). */
export function readHeader(text: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cell.trim());
      cell = '';
    } else if (ch === '\n' || ch === '\r') break;
    else cell += ch;
  }
  out.push(cell.trim());
  return out.map((c) => c.replace(/^\uFEFF/, '')).filter((c) => c !== '');
}

/** Targets a column may take: the known columns, then repeatable ones numbered up to 3 (email, email_2, …). */
function targetsOf(f: { known: string[]; repeatable: string[] }): string[] {
  return [...f.known, ...f.repeatable.flatMap((r) => [r, `${r}_2`, `${r}_3`])];
}

function MappingRow({
  col,
  targets,
  required,
  mapping,
  onChange,
}: {
  col: string;
  targets: string[];
  required: string[];
  mapping: Mapping;
  onChange: (m: Mapping) => void;
}) {
  const own = col.toLowerCase();
  return (
    <tr>
      <td>
        <code>{col}</code>
      </td>
      <td>
        <select
          className="select select-sm"
          aria-label={`Import column ${col} as`}
          value={col in mapping ? mapping[col] : KEEP}
          onChange={(e) => {
            const { [col]: _old, ...rest } = mapping;
            onChange(e.target.value === KEEP ? rest : { ...rest, [col]: e.target.value });
          }}
        >
          <option value={KEEP}>{targets.includes(own) ? own : `Keep as attribute “${col}”`}</option>
          <option value="">Leave out</option>
          {targets
            .filter((t) => t !== own)
            .map((t) => (
              <option key={t} value={t}>
                {t}
                {required.includes(t) ? ' (required)' : ''}
              </option>
            ))}
        </select>
      </td>
    </tr>
  );
}

function TemplatePicker({
  kind,
  header,
  onChange,
}: {
  kind: ImportKind;
  header: string[];
  onChange: (m: Mapping) => void;
}) {
  const trpc = useTRPC();
  const templates = useQuery(trpc.imports.templates.queryOptions({ kind }));
  return (
    <div className="saved-views">
      <label className="small muted" htmlFor="imp-template">
        Template
      </label>
      <select
        id="imp-template"
        className="select select-sm"
        value=""
        onChange={(e) => {
          const t = templates.data?.find((x) => x.id === e.target.value);
          if (t)
            onChange(Object.fromEntries(header.filter((c) => c in t.mapping).map((c) => [c, t.mapping[c]!])));
        }}
      >
        <option value="">Apply a template…</option>
        {(templates.data ?? []).map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function SaveTemplate({ kind, mapping }: { kind: ImportKind; mapping: Mapping }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const save = useMutation(
    trpc.imports.saveTemplate.mutationOptions({
      onSuccess: async () => {
        setName('');
        await queryClient.invalidateQueries({ queryKey: trpc.imports.templates.queryKey({ kind }) });
      },
    }),
  );
  return (
    <>
      <form
        className="saved-views-form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({ kind, name, mapping });
        }}
      >
        <label className="small muted" htmlFor="imp-template-name">
          Save this mapping as
        </label>
        <input
          id="imp-template-name"
          className="input input-sm"
          value={name}
          maxLength={80}
          placeholder="Template name"
          onChange={(e) => setName(e.target.value)}
        />
        <Button size="sm" type="submit" busy={save.isPending} disabled={!name.trim()}>
          Save template
        </Button>
        {save.isSuccess ? <span className="small muted">Saved.</span> : null}
      </form>
      {save.isError ? <ErrorNote error={save.error} /> : null}
    </>
  );
}

export function ColumnMapper({
  kind,
  header,
  mapping,
  onChange,
}: {
  kind: ImportKind;
  header: string[];
  mapping: Mapping;
  onChange: (m: Mapping) => void;
}) {
  const trpc = useTRPC();
  const formats = useQuery(trpc.imports.formats.queryOptions());
  const format = formats.data?.[kind];
  if (!format) return null;
  const targets = targetsOf(format);
  const used = new Set(header.map((c) => (c in mapping ? mapping[c] : c.toLowerCase())));
  const missing = format.required.filter((r) => !used.has(r));
  return (
    <div className="stack-sm" data-testid="column-mapping">
      <div className="spread">
        <strong>Column mapping</strong>
        <TemplatePicker kind={kind} header={header} onChange={onChange} />
      </div>
      <table className="table mapping-table">
        <caption className="sr-only">Columns of the file and where they go</caption>
        <thead>
          <tr>
            <th scope="col">Column in the file</th>
            <th scope="col">Imports as</th>
          </tr>
        </thead>
        <tbody>
          {header.map((col) => (
            <MappingRow
              key={col}
              col={col}
              targets={targets}
              required={format.required}
              mapping={mapping}
              onChange={onChange}
            />
          ))}
        </tbody>
      </table>
      {missing.length > 0 ? (
        <p className="small" style={{ color: 'var(--danger)' }} data-testid="mapping-missing">
          Map a column to {missing.join(', ')}: the format requires it.
        </p>
      ) : null}
      <SaveTemplate kind={kind} mapping={mapping} />
    </div>
  );
}
