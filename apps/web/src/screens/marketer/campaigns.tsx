// Campaigns: the list, and a new campaign on a received partner list or one of our segments.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type InputHTMLAttributes, useState } from 'react';
import { Link, navigate } from '../../router.tsx';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { useClientTable } from '../../ui/client-table.ts';
import { Button } from '../../ui/form.tsx';
import { Badge, Card, fmtDate, fmtMoney, Page } from '../../ui/layout.tsx';
import { Pager } from '../../ui/pager.tsx';
import { SavedViews } from '../../ui/saved-views.tsx';
import { Empty, ErrorNote, QueryState } from '../../ui/states.tsx';
import { type Column, Table } from '../../ui/table.tsx';
import { TableSearch } from '../../ui/table-search.tsx';

const CHANNELS = ['email', 'sms', 'mail', 'social', 'phone', 'branch'] as const;
type Channel = (typeof CHANNELS)[number];

type CampaignRow = RouterOutputs['campaigns']['list'][number];

const CAMPAIGN_COLUMNS: Column<CampaignRow>[] = [
  {
    key: 'name',
    header: 'Campaign',
    sort: 'name',
    cell: (c) => (
      <div>
        <Link to={`/campaigns/${c.id}`} style={{ fontWeight: 550 }}>
          {c.name}
        </Link>
        <div className="small muted">
          {c.audienceKind === 'list' ? 'Partner list' : 'Segment'} · offer{' '}
          {c.offer.product ?? c.offer.category}
        </div>
      </div>
    ),
  },
  {
    key: 'status',
    header: 'Status',
    sort: 'status',
    cell: (c) => <Badge tone={c.status === 'launched' ? 'ok' : 'neutral'}>{c.status}</Badge>,
  },
  { key: 'ch', header: 'Channels', cell: (c) => c.channels.join(', ') },
  { key: 'start', header: 'Starts', sort: 'start', cell: (c) => fmtDate(c.startsOn) },
  {
    key: 'hold',
    header: 'Holdout',
    align: 'right',
    sort: 'holdout',
    cell: (c) => `${c.holdoutPct}%`,
  },
  {
    key: 'cost',
    header: 'Cost',
    align: 'right',
    sort: 'cost',
    cell: (c) => fmtMoney(c.cost),
  },
];

export function CampaignsScreen() {
  const trpc = useTRPC();
  const campaigns = useQuery(trpc.campaigns.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const table = useClientTable<CampaignRow>(campaigns.data ?? [], {
    sorts: {
      name: (c) => c.name,
      status: (c) => c.status,
      start: (c) => c.startsOn,
      holdout: (c) => c.holdoutPct,
      cost: (c) => Number(c.cost),
    },
    defaultSort: 'start',
    defaultDir: 'desc',
    text: (c) => `${c.name} ${c.offer.product ?? ''} ${c.offer.category ?? ''}`,
    filters: { status: (c, v) => c.status === v },
  });
  return (
    <Page
      title="Campaigns"
      subtitle="Offers to a segment or to a list a partner made possible, with a random holdout to measure what the campaign really changed."
      actions={
        <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>
          New campaign
        </Button>
      }
    >
      {creating ? <NewCampaign onDone={() => setCreating(false)} /> : null}
      <div className="table-toolbar">
        <TableSearch
          url={table.url}
          label="Search campaigns"
          placeholder="Search campaign names and offers"
        />
        <div className="filter">
          <label htmlFor="filter-campaign-status">Status</label>
          <select
            id="filter-campaign-status"
            className="select select-sm"
            value={table.url.get('f.status') ?? ''}
            onChange={(e) => table.url.set({ 'f.status': e.target.value })}
          >
            <option value="">Any</option>
            <option value="draft">draft</option>
            <option value="launched">launched</option>
            <option value="completed">completed</option>
          </select>
        </div>
        <SavedViews table="campaigns" url={table.url} />
      </div>
      <Card title="All campaigns" flush>
        <QueryState
          query={campaigns}
          isEmpty={(c) => c.length === 0}
          empty={
            <Empty
              icon="chart"
              title="No campaigns yet"
              hint="Start one from a received list or a segment."
            />
          }
        >
          {() => (
            <>
              <Table
                caption="Campaigns"
                testId="campaigns-table"
                rows={table.rows}
                rowKey={(c) => c.id}
                sort={table.sort}
                empty={<Empty icon="chart" title="No campaign matches" />}
                columns={CAMPAIGN_COLUMNS}
              />
              <Pager {...table.pager} noun="campaigns" />
            </>
          )}
        </QueryState>
      </Card>
    </Page>
  );
}

function NewCampaign({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [audience, setAudience] = useState('');
  const [channels, setChannels] = useState<Channel[]>(['email']);
  const [form, setForm] = useState({
    name: '',
    category: '',
    product: '',
    holdout: '10',
    cost: '0',
    window: '30',
  });
  const create = useMutation(
    trpc.campaigns.create.mutationOptions({
      onSuccess: async (c) => {
        await queryClient.invalidateQueries({ queryKey: trpc.campaigns.pathKey() });
        onDone();
        navigate(`/campaigns/${c.id}`);
      },
    }),
  );
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm({ ...form, [k]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const [kind, id] = audience.split(':');
    create.mutate({
      name: form.name,
      audience:
        kind === 'list'
          ? { kind: 'list', audienceListId: id ?? '' }
          : { kind: 'segment', segmentId: id ?? '', purpose: 'marketing.cross_sell.partner_offers' },
      channels,
      offer: { category: form.category || null, product: form.product || null },
      startsOn: new Date().toISOString().slice(0, 10),
      windowDays: Number(form.window),
      holdoutPct: Number(form.holdout),
      cost: Number(form.cost),
    });
  };
  return (
    <Card
      title="New campaign"
      hint="The holdout is drawn at launch with a recorded seed; consent is checked then and before every contact."
    >
      <form className="form-grid" onSubmit={submit}>
        <LabelledInput label="Name" value={form.name} onChange={set('name')} required />
        <AudienceSelect value={audience} onChange={setAudience} />
        <ChannelChecks value={channels} onChange={setChannels} />
        <LabelledInput label="Offer category" value={form.category} onChange={set('category')} />
        <LabelledInput label="Offer product" value={form.product} onChange={set('product')} />
        <LabelledInput
          label="Holdout (%)"
          type="number"
          min={0}
          max={90}
          value={form.holdout}
          onChange={set('holdout')}
        />
        <LabelledInput
          label="Attribution window (days)"
          type="number"
          min={1}
          max={365}
          value={form.window}
          onChange={set('window')}
        />
        <LabelledInput label="Cost (EUR)" type="number" min={0} value={form.cost} onChange={set('cost')} />
        {create.isError ? <ErrorNote error={create.error} /> : null}
        <div className="actions">
          <Button type="submit" variant="primary" busy={create.isPending}>
            Create campaign
          </Button>
          <Button variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}

function LabelledInput({ label, ...input }: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <input className="input" {...input} />
    </label>
  );
}

/** A received partner list or one of our segments, as `list:<id>` or `segment:<id>`. */
function AudienceSelect({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const trpc = useTRPC();
  const lists = useQuery(trpc.lists.list.queryOptions());
  const segments = useQuery(trpc.segments.list.queryOptions());
  return (
    <label className="field">
      <span className="field-label">Audience</span>
      <select className="input" value={value} onChange={(e) => onChange(e.target.value)} required>
        <option value="">Choose…</option>
        {(lists.data ?? []).map((l) => (
          <option key={l.id} value={`list:${l.id}`}>
            Partner list · {l.name} ({l.current})
          </option>
        ))}
        {(segments.data ?? []).map((s) => (
          <option key={s.id} value={`segment:${s.id}`}>
            Segment · {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function ChannelChecks({ value, onChange }: { value: Channel[]; onChange: (v: Channel[]) => void }) {
  return (
    <fieldset className="field">
      <legend className="field-label">Channels</legend>
      {CHANNELS.map((c) => (
        <label key={c} className="check">
          <input
            type="checkbox"
            checked={value.includes(c)}
            onChange={(e) => onChange(e.target.checked ? [...value, c] : value.filter((x) => x !== c))}
          />{' '}
          {c}
        </label>
      ))}
    </fieldset>
  );
}
