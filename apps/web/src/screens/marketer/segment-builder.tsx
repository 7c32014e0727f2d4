// Segment builder: nested all/any groups of conditions with pickers from the node's data, a live count with a
// sample of members, field-level messages in words, save, then publish into a collaboration.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Can } from '../../ability.tsx';
import { describeError } from '../../errors.ts';
import { Link, navigate } from '../../router.tsx';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { Button, Field } from '../../ui/form.tsx';
import { Icon } from '../../ui/icons.tsx';
import { Badge, Card, fmtDateTime, fmtNumber, Page } from '../../ui/layout.tsx';
import { ErrorNote, QueryState } from '../../ui/states.tsx';
import { useToast } from '../../ui/toast.tsx';
import { useDebounced } from './customers.tsx';
import { PublishPanel } from './publish.tsx';
import { NO_OPTIONS } from './segment-pickers.tsx';
import { SegmentPreview } from './segment-preview.tsx';
import { fromRule, type Group, itemAt, newCondition, newGroup, replaceItem, toRule } from './segment-rule.ts';
import { GroupEditor, type ItemErrors } from './segment-tree.tsx';

type Segment = RouterOutputs['segments']['get'];

export function SegmentBuilderScreen({ id }: { id?: string }) {
  const trpc = useTRPC();
  const segment = useQuery(trpc.segments.get.queryOptions({ id: id ?? '' }, { enabled: Boolean(id) }));
  if (!id) return <Builder />;
  return <QueryState query={segment}>{(s) => <Builder key={s.id} segment={s} />}</QueryState>;
}

/** Editor field a node path ends in → the builder control showing it. */
const FIELD_OF: Record<string, string> = {
  count: 'minCount',
  total: 'minTotal',
  number: 'value',
  values: 'value',
};

/** The node's validation issues placed on the items and fields they are about; the name's under `name`. */
function placeErrors(root: Group | null, error: unknown): { items: ItemErrors; name?: string } {
  const items: ItemErrors = new Map();
  const info = describeError(error);
  let name: string | undefined;
  for (const [key, message] of Object.entries(info.fields)) {
    const path = key.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (key === 'name' || key === 'patch.name') name = message;
    const at = root ? itemAt(root, path) : null;
    if (!at) continue;
    const field = FIELD_OF[at.field] ?? at.field;
    items.set(at.item.id, { ...items.get(at.item.id), [field]: message });
  }
  return { items, ...(name ? { name } : {}) };
}

function Builder({ segment }: { segment?: Segment }) {
  const trpc = useTRPC();
  const initial = segment ? fromRule(segment.rule) : null;
  const handWritten = Boolean(segment && !initial);
  const [name, setName] = useState(segment?.name ?? '');
  const [description, setDescription] = useState(segment?.description ?? '');
  const [root, setRoot] = useState<Group>(
    () => initial ?? newGroup('and', segment ? [] : [newCondition('purchases')]),
  );
  const [nameError, setNameError] = useState<string | null>(null);
  const rule = handWritten && segment ? segment.rule : toRule(root);
  const debouncedRule = useDebounced(rule, 300);
  const preview = useQuery(
    trpc.segments.preview.queryOptions(
      { rule: debouncedRule, sample: 5 },
      { enabled: debouncedRule !== null, placeholderData: keepPreviousData, retry: false },
    ),
  );
  const options = useQuery(trpc.segments.options.queryOptions(undefined, { staleTime: 300_000 }));
  const save = useSave(segment);
  const placed = placeErrors(
    handWritten ? null : root,
    save.error ?? (preview.isError ? preview.error : null),
  );
  const onSave = () => {
    if (!name.trim()) {
      setNameError('Name the segment');
      document.getElementById('seg-name')?.focus();
      return;
    }
    if (!rule) return;
    setNameError(null);
    save.run({ name: name.trim(), description: description.trim() || null, rule });
  };
  const onReplace = (id: string, next: Group['items'][number] | null) =>
    setRoot((r) => (id === r.id ? (next as Group) : replaceItem(r, id, next)));
  return (
    <Page
      title={segment ? segment.name : 'New segment'}
      crumbs={<Link to="/segments">Segments</Link>}
      subtitle="Describe who belongs; the count beside it is computed live on this node's data."
    >
      <div className="split">
        <div className="stack">
          <Card title="Who belongs">
            <div className="stack">
              <NameFields
                name={name}
                description={description}
                error={nameError ?? placed.name}
                onName={setName}
                onDescription={setDescription}
              />
              {handWritten ? (
                <p className="muted small">
                  This rule was written by hand (CLI/API) and can only be edited there.
                </p>
              ) : (
                <GroupEditor
                  group={root}
                  position=""
                  options={options.data ?? NO_OPTIONS}
                  errors={placed.items}
                  onReplace={onReplace}
                />
              )}
            </div>
          </Card>
        </div>
        <div className="stack">
          <SegmentPreview empty={rule === null} preview={preview} />
          <SaveCard segment={segment} save={save} disabled={rule === null} onSave={onSave} />
        </div>
      </div>
    </Page>
  );
}

function NameFields({
  name,
  description,
  error,
  onName,
  onDescription,
}: {
  name: string;
  description: string;
  error: string | undefined;
  onName: (v: string) => void;
  onDescription: (v: string) => void;
}) {
  return (
    <div className="form-grid">
      <Field label="Name" id="seg-name" error={error}>
        <input
          id="seg-name"
          className="input"
          value={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'seg-name-error' : undefined}
          onChange={(e) => onName(e.target.value)}
          placeholder="Recent car buyers without insurance"
        />
      </Field>
      <Field label="Description" id="seg-desc">
        <input
          id="seg-desc"
          className="input"
          value={description}
          onChange={(e) => onDescription(e.target.value)}
        />
      </Field>
    </div>
  );
}

type SaveBody = { name: string; description: string | null; rule: NonNullable<ReturnType<typeof toRule>> };

/** Create or update, with the toast and the cache refresh; `error` is whichever of the two failed last. */
function useSave(segment: Segment | undefined) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const saved = async (s: Segment) => {
    await queryClient.invalidateQueries({ queryKey: trpc.segments.pathKey() });
    toast(`Saved “${s.name}”`);
  };
  const create = useMutation(
    trpc.segments.create.mutationOptions({
      onSuccess: async (s) => {
        await saved(s);
        navigate(`/segments/${s.id}`, { replace: true });
      },
    }),
  );
  const update = useMutation(trpc.segments.update.mutationOptions({ onSuccess: saved }));
  return {
    pending: create.isPending || update.isPending,
    error: create.error ?? update.error,
    run: (body: SaveBody) => (segment ? update.mutate({ id: segment.id, patch: body }) : create.mutate(body)),
  };
}

function SaveCard({
  segment,
  save,
  disabled,
  onSave,
}: {
  segment: Segment | undefined;
  save: ReturnType<typeof useSave>;
  disabled: boolean;
  onSave: () => void;
}) {
  return (
    <>
      <Can I={segment ? 'update' : 'create'} a="Segment">
        <div className="card" style={{ padding: 'var(--s4) var(--s5)' }}>
          <div className="stack-sm">
            {save.error ? <ErrorNote error={save.error} /> : null}
            <Button variant="primary" icon="check" busy={save.pending} disabled={disabled} onClick={onSave}>
              {segment ? 'Save changes' : 'Save segment'}
            </Button>
            {segment ? (
              <span className="small muted">
                {segment.memberCount === null
                  ? 'Not counted yet'
                  : `${fmtNumber(segment.memberCount)} members as of ${fmtDateTime(segment.materializedAt)}`}
              </span>
            ) : null}
          </div>
        </div>
      </Can>
      {segment ? (
        <Can I="publish" a="Publication">
          <PublishPanel segmentId={segment.id} segmentName={segment.name} />
        </Can>
      ) : (
        <div className="card" style={{ padding: 'var(--s4) var(--s5)' }}>
          <p className="small muted">
            <Icon name="info" style={{ width: 14, height: 14, verticalAlign: -2 }} /> Save the segment to
            publish it into a collaboration.
          </p>
        </div>
      )}
      {segment ? <Badge plain>id {segment.id.slice(0, 8)}</Badge> : null}
    </>
  );
}
