// Saved views of a table: pick one of your named views (its state goes into the URL), save the current state under
// a name, delete the selected one. Views are per user on the node (views.*); the URL alone also restores a table.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { type RouterInputs, type RouterOutputs, useTRPC } from '../trpc.ts';
import { Button } from './form.tsx';
import { ErrorNote } from './states.tsx';
import { useToast } from './toast.tsx';
import type { TableUrl, UrlState } from './url-state.ts';

type ViewTable = RouterInputs['views']['list']['table'];

/** What a view keeps: everything in the URL except where you were (page) and which view it was. */
function viewState(params: UrlState): UrlState {
  const { page: _page, view: _view, ...state } = params;
  return state;
}

export function SavedViews({ table, url }: { table: ViewTable; url: TableUrl }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const views = useQuery(trpc.views.list.queryOptions({ table }));
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.views.list.queryKey({ table }) });
  const save = useMutation(
    trpc.views.save.mutationOptions({
      onSuccess: async (v) => {
        await refresh();
        setNaming(false);
        setName('');
        url.replaceAll({ ...v.state, view: v.id });
        toast(`View “${v.name}” saved`);
      },
    }),
  );
  const remove = useMutation(
    trpc.views.delete.mutationOptions({
      onSuccess: async () => {
        await refresh();
        url.replaceAll(viewState(url.params));
      },
    }),
  );
  const current = url.get('view');
  // A bare `?view=<id>` link (bookmark) opens the view's state.
  useEffect(() => {
    if (!current || Object.keys(viewState(url.params)).length > 0) return;
    const v = views.data?.find((x) => x.id === current);
    if (v) url.replaceAll({ ...v.state, view: v.id });
  }, [current, views.data, url]);
  const selected = views.data?.find((v) => v.id === current);
  return (
    <div className="saved-views" data-testid="saved-views">
      <ViewSelect table={table} url={url} views={views.data} selected={selected} />
      {selected ? (
        <Button
          size="sm"
          variant="ghost"
          busy={remove.isPending}
          onClick={() => remove.mutate({ id: selected.id })}
        >
          Delete view
        </Button>
      ) : null}
      {naming ? (
        <form
          className="saved-views-form"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ table, name, state: viewState(url.params) });
          }}
        >
          <label className="sr-only" htmlFor={`view-name-${table}`}>
            Name of the view
          </label>
          <input
            id={`view-name-${table}`}
            className="input input-sm"
            placeholder="Name of the view"
            value={name}
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
            // biome-ignore lint/a11y/noAutofocus: the field opens because the user asked to name the view
            autoFocus
          />
          <Button size="sm" type="submit" variant="primary" busy={save.isPending}>
            Save
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setNaming(false)}>
            Cancel
          </Button>
        </form>
      ) : (
        <Button size="sm" onClick={() => setNaming(true)}>
          Save view…
        </Button>
      )}
      {save.isError ? <ErrorNote error={save.error} /> : null}
    </div>
  );
}

type SavedView = RouterOutputs['views']['list'][number];

/** The view picker: choosing a view puts its state in the URL; the empty choice says whether the URL holds one. */
function ViewSelect({
  table,
  url,
  views,
  selected,
}: {
  table: ViewTable;
  url: TableUrl;
  views: SavedView[] | undefined;
  selected: SavedView | undefined;
}) {
  return (
    <>
      <label className="small muted" htmlFor={`views-${table}`}>
        View
      </label>
      <select
        id={`views-${table}`}
        className="select select-sm"
        value={selected ? selected.id : ''}
        onChange={(e) => {
          const v = views?.find((x) => x.id === e.target.value);
          url.replaceAll(v ? { ...v.state, view: v.id } : {});
        }}
      >
        <option value="">
          {Object.keys(viewState(url.params)).length ? 'Unsaved view' : 'All (default)'}
        </option>
        {(views ?? []).map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
          </option>
        ))}
      </select>
    </>
  );
}
