// Match requests: our published segment against partner segments — overlap counts, or a cross-sell list of our own customers.
import { allowedKinds } from '@concord/protocol/contract/matches';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Can } from '../../ability.tsx';
import { fieldMessages } from '../../errors.ts';
import { RequestMatchForm } from '../../forms.ts';
import { purposeTitle } from '../../labels.ts';
import { Link, useLocation } from '../../router.tsx';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { BarChart } from '../../ui/charts.tsx';
import { Button, Field } from '../../ui/form.tsx';
import { Badge, Card, fmtDateTime, fmtNumber, Page } from '../../ui/layout.tsx';
import { Empty, ErrorNote, Loading, Notice, QueryState } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';
import { useToast } from '../../ui/toast.tsx';
import { Venn } from '../../ui/venn.tsx';
import { ActiveCollaboration } from './active-collaboration.tsx';

type Collaboration = RouterOutputs['collaborations']['list'][number];
type Report = RouterOutputs['matches']['request'];
type PartnerSegment = RouterOutputs['publications']['partners'][number];
type Kind = 'insight' | 'cross_sell_list' | 'referral_list';

const KIND_LABEL: Record<Kind, string> = {
  insight: 'Overlap counts',
  cross_sell_list: 'Cross-sell list',
  referral_list: 'Referral list',
};

export function MatchesScreen() {
  return (
    <Page
      title="Match with partners"
      subtitle="Ask the clean room how many of your customers a partner also has — or, where the policy allows, for the list of your own customers who are in the partner's segment."
    >
      <ActiveCollaboration emptyHint="Matching needs an approved collaboration.">
        {(current) => (
          <>
            <MatchRequest key={current.id} collaboration={current} />
            <MatchHistory collaborationId={current.id} />
          </>
        )}
      </ActiveCollaboration>
    </Page>
  );
}

function MatchRequest({ collaboration }: { collaboration: Collaboration }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const { query } = useLocation();
  const ours = useQuery(trpc.publications.list.queryOptions({ collaborationId: collaboration.id }));
  const theirs = useQuery(trpc.publications.partners.queryOptions({ collaborationId: collaboration.id }));
  const live = (ours.data ?? []).filter((p) => p.status === 'live');
  const [publicationId, setPublicationId] = useState('');
  // Until the marketer picks, every partner segment is chosen: with a demo collaboration, one click runs a match.
  const [picked, setPicked] = useState<string[] | null>(
    query.get('partner') ? [query.get('partner')!] : null,
  );
  const partnerIds = picked ?? (theirs.data ?? []).map((p) => p.id);
  const policy = collaboration.policy;
  const kinds: Kind[] = allowedKinds(policy);
  const [kind, setKind] = useState<Kind>('insight');
  const purposes = collaboration.purposes;
  const [purpose, setPurpose] = useState(purposes[0] ?? '');
  const [offer, setOffer] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [report, setReport] = useState<{ report: Report; ours: string; theirs: PartnerSegment[] } | null>(
    null,
  );
  const chosenPublication = publicationId || live[0]?.id || '';
  const request = useMutation(
    trpc.matches.request.mutationOptions({
      onSuccess: async (r) => {
        await queryClient.invalidateQueries({ queryKey: trpc.matches.pathKey() });
        if (r.audience) await queryClient.invalidateQueries({ queryKey: trpc.lists.pathKey() });
        setReport({
          report: r,
          ours: live.find((p) => p.id === chosenPublication)?.segmentName ?? 'Our segment',
          theirs: (theirs.data ?? []).filter((p) => partnerIds.includes(p.id)),
        });
        toast(
          r.audience
            ? `Cross-sell list stored: ${fmtNumber(r.audience.resolved)} customers`
            : 'Match complete',
        );
      },
    }),
  );
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const input = {
      collaborationId: collaboration.id,
      kind,
      purpose,
      publicationId: chosenPublication,
      partnerPublicationIds: partnerIds,
      ...(kind === 'referral_list' ? { offer: { title: offer } } : {}),
    };
    const parsed = RequestMatchForm.safeParse(input);
    if (!parsed.success) {
      setErrors(fieldMessages(parsed.error.issues));
      return;
    }
    setErrors({});
    request.mutate(parsed.data);
  };
  const mine = live.find((p) => p.id === chosenPublication);
  return (
    <div className="split">
      <Card title="New request">
        <form className="stack" onSubmit={submit} noValidate>
          {ours.isPending ? (
            <Loading rows={1} />
          ) : live.length === 0 ? (
            <Notice tone="warn" title="Publish one of your segments first">
              Open a <Link to="/segments">segment</Link> and publish it into this collaboration.
            </Notice>
          ) : (
            <Field label="Our segment" id="m-ours" error={errors.publicationId}>
              <select
                id="m-ours"
                className="select"
                value={chosenPublication}
                onChange={(e) => setPublicationId(e.target.value)}
              >
                {live.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.segmentName} · {fmtNumber(p.members ?? 0)} published
                  </option>
                ))}
              </select>
            </Field>
          )}
          <fieldset>
            <legend>Partner segments</legend>
            {theirs.isPending ? (
              <Loading rows={2} />
            ) : theirs.isError ? (
              <ErrorNote error={theirs.error} />
            ) : (theirs.data ?? []).length === 0 ? (
              <p className="small muted">No partner has published yet.</p>
            ) : (
              <div className="stack-sm">
                {(theirs.data ?? []).map((p) => (
                  <label key={p.id} className="check">
                    <input
                      type="checkbox"
                      checked={partnerIds.includes(p.id)}
                      onChange={() =>
                        setPicked(
                          partnerIds.includes(p.id)
                            ? partnerIds.filter((y) => y !== p.id)
                            : [...partnerIds, p.id],
                        )
                      }
                    />
                    {p.name} <Badge tone="partner">{p.partnerName}</Badge>{' '}
                    <span className="small muted">{p.sizeBand}</span>
                  </label>
                ))}
              </div>
            )}
            {errors.partnerPublicationIds ? (
              <span className="field-error">{errors.partnerPublicationIds}</span>
            ) : null}
          </fieldset>
          <div className="form-grid">
            <fieldset className="wide">
              <legend>What do you want back?</legend>
              <div className="stack-sm">
                {(['insight', 'cross_sell_list', 'referral_list'] as const).map((k) => (
                  <label key={k} className="check">
                    <input
                      type="radio"
                      name="kind"
                      checked={kind === k}
                      disabled={!kinds.includes(k)}
                      onChange={() => setKind(k)}
                    />
                    {KIND_LABEL[k]}
                    {!kinds.includes(k) ? (
                      <span className="small muted"> — not allowed by this collaboration</span>
                    ) : null}
                  </label>
                ))}
              </div>
            </fieldset>
            <Field label="Purpose" id="m-purpose" className="wide">
              <select
                id="m-purpose"
                className="select"
                value={purpose}
                onChange={(e) => setPurpose(e.target.value)}
              >
                {purposes.map((p) => (
                  <option key={p} value={p}>
                    {purposeTitle(p)}
                  </option>
                ))}
              </select>
            </Field>
            {kind === 'referral_list' ? (
              <Field
                label="Offer title (shown to the partner)"
                id="m-offer"
                className="wide"
                error={errors['offer.title']}
              >
                <input
                  id="m-offer"
                  className="input"
                  value={offer}
                  onChange={(e) => setOffer(e.target.value)}
                />
              </Field>
            ) : null}
          </div>
          {request.isError ? <ErrorNote error={request.error} /> : null}
          <Can I="request" a="Match">
            <Button
              type="submit"
              variant="primary"
              icon="venn"
              busy={request.isPending}
              disabled={live.length === 0}
            >
              Request match
            </Button>
          </Can>
          <p className="small muted">
            Counts below k = {fmtNumber(collaboration.policy.kMin)} are never released; counts carry
            calibrated noise and spend the privacy budget.
          </p>
        </form>
      </Card>
      <Card title="Result" hint={mine ? `Our segment: ${mine.segmentName}` : undefined}>
        {report ? (
          <MatchResult {...report} ourSize={mine?.members ?? null} />
        ) : (
          <Empty icon="venn" title="No result yet" hint="Choose segments and request a match." />
        )}
      </Card>
    </div>
  );
}

function MatchResult({
  report,
  ours,
  theirs,
  ourSize,
}: {
  report: Report;
  ours: string;
  theirs: PartnerSegment[];
  ourSize: number | null;
}) {
  const name = (id: string) => theirs.find((t) => t.id === id);
  if (report.insight) {
    const cells = report.insight.cells;
    const first = cells[0];
    return (
      <div className="stack" data-testid="match-result">
        {cells.length === 1 && first ? (
          <Venn
            title={`Overlap between ${ours} and ${name(first.partnerPublicationId)?.name ?? 'partner segment'}`}
            left={{ label: ours, value: ourSize }}
            right={{
              label: name(first.partnerPublicationId)?.name ?? 'Partner',
              value: null,
              text: name(first.partnerPublicationId)?.sizeBand ?? '?',
            }}
            overlap={first.suppressed ? null : first.count}
          />
        ) : null}
        <BarChart
          title="Overlap per partner segment"
          color="var(--partner)"
          data={cells.map((c) => ({
            label: name(c.partnerPublicationId)?.name ?? c.partnerPublicationId.slice(0, 8),
            value: c.suppressed ? null : c.count,
          }))}
        />
        <p className="small muted">
          k ≥ {fmtNumber(report.kMin)} · ε charged {report.insight.epsilonCharged} · ε left{' '}
          {report.insight.epsilonRemaining}
          {report.cached ? ' · same question as before, same answer (noise is seeded)' : ''}
        </p>
      </div>
    );
  }
  if (report.audience) {
    const a = report.audience;
    const dropped = Object.entries(a.dropped);
    return (
      <div className="stack" data-testid="match-result">
        <Notice tone="ok" title={`${fmtNumber(a.resolved)} of your customers are in the partner's segment`}>
          Stored as a campaign audience with its provenance; it expires {fmtDateTime(a.expiresAt)}.
        </Notice>
        {dropped.length > 0 ? (
          <BarChart
            title="Dropped since publishing"
            color="var(--warn)"
            data={dropped.map(([k, v]) => ({ label: k.replaceAll('_', ' '), value: v }))}
          />
        ) : null}
        <Link className="btn btn-primary" to={`/lists/${a.audienceListId}`}>
          Open the list
        </Link>
      </div>
    );
  }
  return (
    <div className="stack" data-testid="match-result">
      <Notice tone="ok" title="Referral lists delivered">
        Each partner receives only its own customers and contacts them with your offer; you learn counts only.
      </Notice>
      {(report.referrals ?? []).map((r) => (
        <div key={r.partnerPublicationId} className="spread small">
          <span>{name(r.partnerPublicationId)?.name ?? r.partnerPublicationId}</span>
          <Badge tone={r.delivered ? 'ok' : 'warn'}>{r.delivered ? 'delivered' : 'below threshold'}</Badge>
        </div>
      ))}
    </div>
  );
}

function MatchHistory({ collaborationId }: { collaborationId: string }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.matches.list.queryOptions({ collaborationId }));
  return (
    <Card title="Earlier requests" flush>
      <QueryState query={history} isEmpty={(h) => h.length === 0} empty={<Empty title="No requests yet" />}>
        {(rows) => (
          <Table
            caption="Match requests"
            rows={rows.slice(0, 20)}
            rowKey={(m) => m.id}
            columns={[
              {
                key: 'at',
                header: 'When',
                cell: (m) => <span className="small">{fmtDateTime(m.createdAt)}</span>,
              },
              {
                key: 'kind',
                header: 'Kind',
                cell: (m) => <Badge plain>{KIND_LABEL[m.kind as Kind] ?? m.kind}</Badge>,
              },
              {
                key: 'purpose',
                header: 'Purpose',
                cell: (m) => <span className="small">{purposeTitle(m.purpose)}</span>,
              },
              {
                key: 'by',
                header: 'By',
                cell: (m) => <span className="small">{m.requestedByEmail ?? m.requestedBy ?? '—'}</span>,
              },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}
