// Keeping audience lists tidy: rename (names are unique among kept lists), archive or bring back, delete.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Can } from '../../ability.tsx';
import { describeError } from '../../errors.ts';
import { navigate } from '../../router.tsx';
import { useTRPC } from '../../trpc.ts';
import { Button, Field } from '../../ui/form.tsx';
import { ErrorNote } from '../../ui/states.tsx';
import { Tabs } from '../../ui/tabs.tsx';
import { useToast } from '../../ui/toast.tsx';

interface ListLike {
  id: string;
  name: string;
  archivedAt: string | null;
}

function useListsRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.lists.pathKey() });
}

export function ListActions({ list }: { list: ListLike }) {
  const trpc = useTRPC();
  const refresh = useListsRefresh();
  const toast = useToast();
  const [renaming, setRenaming] = useState(false);
  const done = (text: string) => async () => {
    await refresh();
    toast(text);
  };
  const archive = useMutation(trpc.lists.archive.mutationOptions({ onSuccess: done('List archived') }));
  const unarchive = useMutation(
    trpc.lists.unarchive.mutationOptions({ onSuccess: done('List is back in use') }),
  );
  const remove = useMutation(
    trpc.lists.delete.mutationOptions({
      onSuccess: async (r) => {
        await refresh();
        toast(`List deleted (${r.removed} members removed)`);
        navigate('/lists');
      },
    }),
  );
  const failed = [archive, unarchive, remove].find((m) => m.isError);
  return (
    <Can I="update" a="AudienceList">
      <div className="stack-sm">
        <div className="row" style={{ gap: 8 }}>
          <Button size="sm" onClick={() => setRenaming((r) => !r)} aria-expanded={renaming}>
            Rename
          </Button>
          {list.archivedAt ? (
            <Button
              size="sm"
              busy={unarchive.isPending}
              onClick={() => unarchive.mutate({ listId: list.id })}
            >
              Unarchive
            </Button>
          ) : (
            <Button size="sm" busy={archive.isPending} onClick={() => archive.mutate({ listId: list.id })}>
              Archive
            </Button>
          )}
          <Can I="delete" a="AudienceList">
            <Button
              size="sm"
              variant="danger"
              busy={remove.isPending}
              onClick={() => {
                if (
                  confirm(`Delete “${list.name}”? Its members are removed; the audit log keeps its history.`)
                )
                  remove.mutate({ listId: list.id });
              }}
            >
              Delete
            </Button>
          </Can>
        </div>
        {failed ? <ErrorNote error={failed.error} /> : null}
        {renaming ? <RenameForm list={list} onDone={() => setRenaming(false)} /> : null}
      </div>
    </Can>
  );
}

function RenameForm({ list, onDone }: { list: ListLike; onDone: () => void }) {
  const trpc = useTRPC();
  const refresh = useListsRefresh();
  const toast = useToast();
  const [name, setName] = useState(list.name);
  const [error, setError] = useState<string | undefined>();
  const rename = useMutation(
    trpc.lists.rename.mutationOptions({
      onSuccess: async () => {
        await refresh();
        toast('List renamed');
        onDone();
      },
      onError: (err) => {
        const info = describeError(err);
        setError(info.fields.name ?? (info.code === 'CONFLICT' ? info.message : undefined));
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() === '') {
      setError('Name the list');
      return;
    }
    rename.mutate({ listId: list.id, name: name.trim() });
  };
  return (
    <form className="row" style={{ gap: 8, alignItems: 'end' }} onSubmit={submit} noValidate>
      <Field label="New name" id="list-name" error={error}>
        <input
          id="list-name"
          className="input"
          value={name}
          aria-invalid={error ? true : undefined}
          onChange={(e) => {
            setName(e.target.value);
            setError(undefined);
          }}
        />
      </Field>
      <Button type="submit" size="sm" variant="primary" busy={rename.isPending}>
        Save name
      </Button>
      {rename.isError && !error ? <ErrorNote error={rename.error} /> : null}
    </form>
  );
}

/** Lists in use, or the archived ones. */
export function ArchivedTabs({
  value,
  onChange,
}: {
  value: 'exclude' | 'only';
  onChange: (v: 'exclude' | 'only') => void;
}) {
  return (
    <Tabs
      label="Which lists"
      values={['exclude', 'only'] as const}
      value={value}
      onChange={onChange}
      text={(k) => (k === 'exclude' ? 'In use' : 'Archived')}
    />
  );
}
