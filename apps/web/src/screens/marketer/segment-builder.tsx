// Segment builder: conditions in plain words, a live count as you type, save, then publish into a collaboration.
import { ID_TYPE_INFO, ID_TYPES } from '@concord/identity/id-types';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Can } from '../../ability.tsx';
import { Link, navigate } from '../../router.tsx';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { Button, Field } from '../../ui/form.tsx';
import { Icon } from '../../ui/icons.tsx';
import { Badge, Card, fmtDateTime, fmtNumber, Page } from '../../ui/layout.tsx';
import { ErrorNote, QueryState, Spinner } from '../../ui/states.tsx';
import { useToast } from '../../ui/toast.tsx';
import { useDebounced } from './customers.tsx';
import { PublishPanel } from './publish.tsx';
import { CONDITION_KINDS, type Condition, fromRule, newCondition, toRule } from './segment-rule.ts';

type Segment = RouterOutputs['segments']['get'];

export function SegmentBuilderScreen({ id }: { id?: string }) {
  const trpc = useTRPC();
  const segment = useQuery(trpc.segments.get.queryOptions({ id: id ?? '' }, { enabled: Boolean(id) }));
  if (!id) return <Builder />;
  return <QueryState query={segment}>{(s) => <Builder key={s.id} segment={s} />}</QueryState>;
}

function Builder({ segment }: { segment?: Segment }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const initial = segment ? fromRule(segment.rule) : null;
  const [name, setName] = useState(segment?.name ?? '');
  const [description, setDescription] = useState(segment?.description ?? '');
  const [match, setMatch] = useState<'and' | 'or'>(initial?.match ?? 'and');
  const [conditions, setConditions] = useState<Condition[]>(
    initial?.conditions ?? (segment ? [] : [newCondition('purchases')]),
  );
  const [nameError, setNameError] = useState<string | null>(null);
  const rule = segment && !initial ? segment.rule : toRule(match, conditions);
  const debouncedRule = useDebounced(rule, 300);
  const preview = useQuery(
    trpc.segments.preview.queryOptions(
      { rule: debouncedRule },
      { enabled: debouncedRule !== null, placeholderData: keepPreviousData, retry: false },
    ),
  );
  const categories = useQuery(
    trpc.analytics.purchaseBreakdown.queryOptions({ dimension: 'category' }, { staleTime: 300_000 }),
  );
  const saved = async () => {
    await queryClient.invalidateQueries({ queryKey: trpc.segments.pathKey() });
  };
  const create = useMutation(
    trpc.segments.create.mutationOptions({
      onSuccess: async (s) => {
        await saved();
        toast(`Saved “${s.name}”`);
        navigate(`/segments/${s.id}`, { replace: true });
      },
    }),
  );
  const update = useMutation(
    trpc.segments.update.mutationOptions({
      onSuccess: async (s) => {
        await saved();
        toast(`Saved “${s.name}”`);
      },
    }),
  );
  const save = () => {
    if (!name.trim()) {
      setNameError('Name the segment');
      document.getElementById('seg-name')?.focus();
      return;
    }
    if (!rule) return;
    setNameError(null);
    const body = { name: name.trim(), description: description.trim() || null, rule };
    if (segment) update.mutate({ id: segment.id, patch: body });
    else create.mutate(body);
  };
  const setAt = (i: number, c: Condition) => setConditions((all) => all.map((x, j) => (j === i ? c : x)));
  const saving = create.isPending || update.isPending;
  const saveError = create.error ?? update.error;
  return (
    <Page
      title={segment ? segment.name : 'New segment'}
      crumbs={<Link to="/segments">Segments</Link>}
      subtitle="Describe who belongs; the count below is computed live on this node's data."
    >
      <div className="split">
        <div className="stack">
          <Card title="Who belongs">
            <div className="stack">
              <div className="form-grid">
                <Field label="Name" id="seg-name" error={nameError ?? undefined}>
                  <input
                    id="seg-name"
                    className="input"
                    value={name}
                    aria-invalid={nameError ? true : undefined}
                    onChange={(e) => setName(e.target.value)}
                    placeholder="Recent car buyers without insurance"
                  />
                </Field>
                <Field label="Description" id="seg-desc">
                  <input
                    id="seg-desc"
                    className="input"
                    value={description}
                    onChange={(e) => setDescription(e.target.value)}
                  />
                </Field>
              </div>
              {segment && !initial ? (
                <p className="muted small">
                  This rule was written by hand (CLI/API) and can only be edited there.
                </p>
              ) : (
                <>
                  <div className="row small">
                    <span>Match</span>
                    <select
                      aria-label="Match all or any condition"
                      className="select"
                      style={{ width: 'auto', height: 30 }}
                      value={match}
                      onChange={(e) => setMatch(e.target.value as 'and' | 'or')}
                    >
                      <option value="and">all of</option>
                      <option value="or">any of</option>
                    </select>
                    <span>these conditions</span>
                  </div>
                  <datalist id="categories">
                    {(categories.data ?? []).map((c) => (
                      <option key={c.key} value={c.key} />
                    ))}
                  </datalist>
                  <ol className="stack-sm" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                    {conditions.map((c, i) => (
                      <li
                        key={i}
                        className="card"
                        style={{ padding: 'var(--s3) var(--s4)', boxShadow: 'none' }}
                      >
                        <ConditionEditor
                          index={i}
                          c={c}
                          onChange={(next) => setAt(i, next)}
                          onRemove={() => setConditions((all) => all.filter((_, j) => j !== i))}
                        />
                      </li>
                    ))}
                  </ol>
                  <div className="row">
                    {CONDITION_KINDS.map((k) => (
                      <Button
                        key={k.kind}
                        size="sm"
                        icon="plus"
                        onClick={() => setConditions((all) => [...all, newCondition(k.kind)])}
                      >
                        {k.label}
                      </Button>
                    ))}
                  </div>
                </>
              )}
            </div>
          </Card>
        </div>
        <div className="stack">
          <div className="card stat" aria-live="polite">
            <div className="stat-label">Customers matching now</div>
            <div className="live-count">
              <span className="stat-value" data-testid="live-count">
                {rule === null ? '—' : preview.data ? fmtNumber(preview.data.count) : '…'}
              </span>
              {preview.isFetching ? <Spinner /> : null}
            </div>
            <div className="stat-foot">
              {rule === null
                ? 'Add a condition to count.'
                : preview.isError
                  ? 'Finish the highlighted condition to count.'
                  : 'Live count on this node.'}
            </div>
            {preview.isError ? <ErrorNote error={preview.error} /> : null}
          </div>
          <Can I={segment ? 'update' : 'create'} a="Segment">
            <div className="card" style={{ padding: 'var(--s4) var(--s5)' }}>
              <div className="stack-sm">
                {saveError ? <ErrorNote error={saveError} /> : null}
                <Button variant="primary" icon="check" busy={saving} disabled={rule === null} onClick={save}>
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
        </div>
      </div>
    </Page>
  );
}

function ConditionEditor({
  index,
  c,
  onChange,
  onRemove,
}: {
  index: number;
  c: Condition;
  onChange: (c: Condition) => void;
  onRemove: () => void;
}) {
  const label = CONDITION_KINDS.find((k) => k.kind === c.kind)!.label;
  const id = (f: string) => `cond-${index}-${f}`;
  const set = (key: string, value: unknown) => onChange({ ...c, [key]: value } as Condition);
  const input = (f: string, lbl: string, value: string, props: Record<string, unknown> = {}) => (
    <Field label={lbl} id={id(f)}>
      <input
        id={id(f)}
        className="input"
        value={value}
        onChange={(e) => onChange({ ...c, [f]: e.target.value } as Condition)}
        {...props}
      />
    </Field>
  );
  return (
    <fieldset
      className="stack-sm"
      style={{ border: 0, padding: 0 }}
      aria-label={`Condition ${index + 1}: ${label}`}
    >
      <div className="spread">
        <div className="row">
          <strong>{label}</strong>
          <label className="check small">
            <input type="checkbox" checked={c.negate} onChange={(e) => set('negate', e.target.checked)} />
            exclude these
          </label>
        </div>
        <Button
          size="sm"
          variant="ghost"
          icon="x"
          onClick={onRemove}
          aria-label={`Remove condition ${index + 1}`}
        >
          Remove
        </Button>
      </div>
      <div className="grid-4">
        {c.kind === 'purchases' ? (
          <>
            {input('category', 'Category (comma-separated)', c.category, {
              list: 'categories',
              placeholder: 'any',
            })}
            {input('withinDays', 'Within days', c.withinDays, { type: 'number', min: 1 })}
            {input('minCount', 'At least (purchases)', c.minCount, { type: 'number', min: 0 })}
            {input('minTotal', 'Spent at least (€)', c.minTotal, { type: 'number', min: 0 })}
          </>
        ) : null}
        {c.kind === 'service_case' ? (
          <>
            <Field label="State" id={id('state')}>
              <select
                id={id('state')}
                className="select"
                value={c.state}
                onChange={(e) => set('state', e.target.value as never)}
              >
                <option value="any">any</option>
                <option value="open">still open</option>
                <option value="closed">closed</option>
              </select>
            </Field>
            {input('withinDays', 'Within days', c.withinDays, { type: 'number', min: 1 })}
          </>
        ) : null}
        {c.kind === 'contact' ? (
          <>
            {input('channel', 'Channel', c.channel, { placeholder: 'any' })}
            <Field label="Direction" id={id('direction')}>
              <select
                id={id('direction')}
                className="select"
                value={c.direction}
                onChange={(e) => set('direction', e.target.value as never)}
              >
                <option value="">either</option>
                <option value="inbound">inbound</option>
                <option value="outbound">outbound</option>
              </select>
            </Field>
            {input('withinDays', 'Within days', c.withinDays, { type: 'number', min: 1 })}
          </>
        ) : null}
        {c.kind === 'field' ? (
          <>
            <Field label="Field" id={id('field')}>
              <select
                id={id('field')}
                className="select"
                value={c.field}
                onChange={(e) => set('field', e.target.value as never)}
              >
                <option value="city">City</option>
                <option value="postal_code">Postal code</option>
                <option value="country">Country</option>
              </select>
            </Field>
            {input('value', 'Is (comma = any of)', c.value)}
          </>
        ) : null}
        {c.kind === 'has_identifier' ? (
          <Field label="Channel" id={id('identifier')}>
            <select
              id={id('identifier')}
              className="select"
              value={c.identifier}
              onChange={(e) => set('identifier', e.target.value as never)}
            >
              {ID_TYPES.map((t) => (
                <option key={t} value={t}>
                  {ID_TYPE_INFO[t].label}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        {c.kind === 'attribute' ? (
          <>
            {input('key', 'Attribute', c.key)}
            <Field label="Is" id={id('op')}>
              <select
                id={id('op')}
                className="select"
                value={c.op}
                onChange={(e) => set('op', e.target.value as never)}
              >
                <option value="eq">equal to</option>
                <option value="gte">at least</option>
                <option value="lte">at most</option>
              </select>
            </Field>
            {input('value', 'Value', c.value)}
          </>
        ) : null}
      </div>
    </fieldset>
  );
}
