// Compliance › Collaborations: proposals, approvals from this node, suspend/resume/leave, and new proposals.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Can } from '../../ability.tsx';
import { ProposeCollaborationForm } from '../../forms.ts';
import { industryLabel, PURPOSES, purposeTitle } from '../../labels.ts';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { Button, Field, FormActions, TextField, useZodForm } from '../../ui/form.tsx';
import { Badge, Card, fmtDate, fmtNumber, Page, type Tone } from '../../ui/layout.tsx';
import { Empty, ErrorNote, Loading, QueryState } from '../../ui/states.tsx';
import { useToast } from '../../ui/toast.tsx';

type Collaboration = RouterOutputs['collaborations']['list'][number];

const STATUS_TONE: Record<string, Tone> = {
  active: 'ok',
  pending: 'warn',
  suspended: 'danger',
  ended: 'neutral',
  expired: 'neutral',
};

export function CollaborationsScreen() {
  const trpc = useTRPC();
  const list = useQuery(trpc.collaborations.list.queryOptions());
  const partners = useQuery(trpc.collaborations.partners.queryOptions(undefined, { retry: false }));
  const selfId = partners.data?.find((p) => p.self)?.id;
  const [proposing, setProposing] = useState(false);
  return (
    <Page
      title="Collaborations"
      subtitle="Agreements between partners: who takes part, for which purposes, and what may be released. Active only once every member's compliance officer has approved it from their own node."
      actions={
        <Can I="create" a="Collaboration">
          <Button variant="primary" icon="plus" onClick={() => setProposing(true)}>
            Propose collaboration
          </Button>
        </Can>
      }
    >
      {proposing ? <ProposeCollaboration partners={partners} onDone={() => setProposing(false)} /> : null}
      <QueryState
        query={list}
        isEmpty={(l) => l.length === 0}
        empty={
          <Card>
            <Empty
              icon="handshake"
              title="No collaborations yet"
              hint="Propose one, or wait for a partner's proposal to arrive."
            />
          </Card>
        }
      >
        {(rows) => (
          <div className="stack" data-testid="collaborations">
            {rows.map((c) => (
              <CollaborationCard key={c.id} c={c} selfId={selfId} />
            ))}
          </div>
        )}
      </QueryState>
    </Page>
  );
}

function CollaborationCard({ c, selfId }: { c: Collaboration; selfId: string | undefined }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const done = async (text: string) => {
    await queryClient.invalidateQueries({ queryKey: trpc.collaborations.pathKey() });
    toast(text);
  };
  const approve = useMutation(
    trpc.collaborations.approve.mutationOptions({ onSuccess: () => done(`Approved ${c.name}`) }),
  );
  const change = useMutation(
    trpc.collaborations.change.mutationOptions({ onSuccess: (r) => done(`${c.name} is now ${r.status}`) }),
  );
  const me = c.members.find((m) => m.partnerId === selfId);
  // Without the clean room's directory, an unapproved proposal we did not send is the one awaiting us.
  const awaitingUs = me ? me.status === 'pending' : c.status === 'pending' && !c.hasSecret;
  const p = c.policy;
  return (
    <section className="card" aria-label={c.name} data-testid={`collab-${c.name}`}>
      <div className="card-head">
        <div>
          <h2>{c.name}</h2>
          {c.description ? <p className="card-hint">{c.description}</p> : null}
        </div>
        <Badge tone={STATUS_TONE[c.status] ?? 'neutral'}>{c.status}</Badge>
      </div>
      <div className="card-body stack">
        <div className="grid-3">
          <div className="stack-sm">
            <h3>Members</h3>
            {c.members.map((m) => (
              <div key={m.partnerId} className="spread small">
                <span>
                  {m.name} <span className="muted">· {industryLabel(m.industry)}</span>
                  {m.partnerId === selfId ? <span className="muted"> (us)</span> : null}
                </span>
                <Badge tone={m.status === 'approved' ? 'ok' : m.status === 'left' ? 'danger' : 'warn'}>
                  {m.status}
                </Badge>
              </div>
            ))}
          </div>
          <div className="stack-sm">
            <h3>Purposes</h3>
            <div className="chip-row">
              {c.purposes.map((x) => (
                <Badge key={x} tone="brand" plain>
                  {purposeTitle(x)}
                </Badge>
              ))}
            </div>
          </div>
          <dl className="kv small">
            <dt>Minimum group</dt>
            <dd>k ≥ {fmtNumber(p.kMin)}</dd>
            <dt>Lists</dt>
            <dd>
              {[p.crossSellLists && 'cross-sell', p.referralLists && 'referral'].filter(Boolean).join(', ') ||
                'counts only'}
            </dd>
            <dt>Privacy budget</dt>
            <dd>ε {p.epsilonBudget} per requester</dd>
            <dt>Tokens</dt>
            <dd>
              {c.tokenMode === 'hmac' ? (
                'HMAC (keyed, unlinkable)'
              ) : (
                <Badge tone="warn">SHA-256 (weaker)</Badge>
              )}
            </dd>
            <dt>Expires</dt>
            <dd>{fmtDate(c.expiresAt)}</dd>
          </dl>
        </div>
        {approve.isError ? <ErrorNote error={approve.error} /> : null}
        {change.isError ? <ErrorNote error={change.error} /> : null}
        <div className="actions">
          {awaitingUs && c.status === 'pending' ? (
            <Can I="approve" a="Collaboration">
              <Button
                variant="primary"
                icon="check"
                busy={approve.isPending}
                onClick={() => approve.mutate({ collaborationId: c.id })}
              >
                Approve for our company
              </Button>
            </Can>
          ) : null}
          <Can I="update" a="Collaboration">
            {c.status === 'active' ? (
              <Button
                busy={change.isPending}
                onClick={() => change.mutate({ collaborationId: c.id, action: 'suspend', reason: '' })}
              >
                Suspend
              </Button>
            ) : null}
            {c.status === 'suspended' ? (
              <Button
                busy={change.isPending}
                onClick={() => change.mutate({ collaborationId: c.id, action: 'resume', reason: '' })}
              >
                Resume
              </Button>
            ) : null}
            {c.status === 'active' || c.status === 'suspended' || c.status === 'pending' ? (
              <Button
                variant="danger"
                busy={change.isPending}
                onClick={() => {
                  if (
                    confirm(`Leave “${c.name}”? Everything we published there is deleted at the clean room.`)
                  )
                    change.mutate({ collaborationId: c.id, action: 'leave', reason: '' });
                }}
              >
                Leave
              </Button>
            ) : null}
          </Can>
        </div>
      </div>
    </section>
  );
}

function ProposeCollaboration({
  partners,
  onDone,
}: {
  partners: {
    data?: RouterOutputs['collaborations']['partners'];
    isPending: boolean;
    isError: boolean;
    error: unknown;
  };
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
  const form = useZodForm(ProposeCollaborationForm, {
    name: '',
    description: '',
    partnerIds: [],
    purposes: ['marketing.cross_sell.partner_offers', 'analytics.audience_overlap'],
    policy: { kMin: 50, crossSellLists: true, referralLists: false, epsilonBudget: 10, minSegmentSize: 100 },
    tokenMode: 'hmac',
    expiresAt: inAYear,
  });
  const propose = useMutation(
    trpc.collaborations.propose.mutationOptions({
      onSuccess: async (c) => {
        await queryClient.invalidateQueries({ queryKey: trpc.collaborations.pathKey() });
        toast(`Proposed ${c.name}; partners approve from their own nodes`);
        onDone();
      },
      onError: (e) => form.showServerError(e),
    }),
  );
  const v = form.values as {
    partnerIds: string[];
    purposes: string[];
    policy: {
      kMin: number;
      crossSellLists: boolean;
      referralLists: boolean;
      epsilonBudget: number;
      minSegmentSize: number;
    };
    tokenMode: string;
  };
  const setPolicy = (patch: Partial<typeof v.policy>) => form.set('policy', { ...v.policy, ...patch });
  const toggle = (key: 'partnerIds' | 'purposes', id: string) =>
    form.set(key, v[key].includes(id) ? v[key].filter((x) => x !== id) : [...v[key], id]);
  const kId = form.idFor('policy.kMin');
  const epsId = form.idFor('policy.epsilonBudget');
  const minId = form.idFor('policy.minSegmentSize');
  return (
    <Card
      title="Propose a collaboration"
      hint="A fresh collaboration secret is generated here and wrapped for each partner; the clean room only relays ciphertext."
    >
      <form className="stack" onSubmit={form.submit((d) => propose.mutate(d))} noValidate>
        <div className="form-grid">
          <TextField form={form} name="name" label="Name" placeholder="Bank × Insurance cross-sell 2027" />
          <TextField form={form} name="expiresAt" label="Expires on" type="date" />
          <TextField form={form} name="description" label="Description" className="wide" />
        </div>
        <fieldset>
          <legend>Partners</legend>
          {partners.isPending ? (
            <Loading rows={2} />
          ) : partners.isError ? (
            <ErrorNote error={partners.error} />
          ) : (
            <div className="chip-row">
              {(partners.data ?? [])
                .filter((p) => !p.self)
                .map((p) => (
                  <label key={p.id} className="check">
                    <input
                      type="checkbox"
                      checked={v.partnerIds.includes(p.id)}
                      onChange={() => toggle('partnerIds', p.id)}
                    />
                    {p.name} <span className="muted">· {industryLabel(p.industry)}</span>
                  </label>
                ))}
            </div>
          )}
          {form.errors.partnerIds ? <span className="field-error">{form.errors.partnerIds}</span> : null}
        </fieldset>
        <fieldset>
          <legend>Purposes</legend>
          <div className="chip-row">
            {PURPOSES.map((p) => (
              <label key={p.id} className="check">
                <input
                  type="checkbox"
                  checked={v.purposes.includes(p.id)}
                  onChange={() => toggle('purposes', p.id)}
                />
                {p.title}
              </label>
            ))}
          </div>
          {form.errors.purposes ? <span className="field-error">{form.errors.purposes}</span> : null}
        </fieldset>
        <div className="form-grid">
          <Field
            label="Minimum group size (k)"
            id={kId}
            error={form.errors['policy.kMin']}
            hint="Counts or lists below this are never released."
          >
            <input
              id={kId}
              className="input"
              type="number"
              min={2}
              value={v.policy.kMin}
              onChange={(e) => setPolicy({ kMin: Number(e.target.value) })}
            />
          </Field>
          <Field
            label="Minimum segment size"
            id={minId}
            error={form.errors['policy.minSegmentSize']}
            hint="Smaller published segments cannot be matched."
          >
            <input
              id={minId}
              className="input"
              type="number"
              min={1}
              value={v.policy.minSegmentSize}
              onChange={(e) => setPolicy({ minSegmentSize: Number(e.target.value) })}
            />
          </Field>
          <Field
            label="Privacy budget (ε per requester)"
            id={epsId}
            error={form.errors['policy.epsilonBudget']}
          >
            <input
              id={epsId}
              className="input"
              type="number"
              min={0.1}
              step={0.1}
              value={v.policy.epsilonBudget}
              onChange={(e) => setPolicy({ epsilonBudget: Number(e.target.value) })}
            />
          </Field>
          <div className="field">
            <span className="field-label">Lists</span>
            <label className="check">
              <input
                type="checkbox"
                checked={v.policy.crossSellLists}
                onChange={(e) => setPolicy({ crossSellLists: e.target.checked })}
              />
              Cross-sell lists (requester's own members)
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={v.policy.referralLists}
                onChange={(e) => setPolicy({ referralLists: e.target.checked })}
              />
              Referral lists (delivered to the partner)
            </label>
          </div>
          <div className="field">
            <span className="field-label">Token mode</span>
            <label className="check">
              <input
                type="radio"
                name="tokenMode"
                checked={v.tokenMode === 'hmac'}
                onChange={() => form.set('tokenMode', 'hmac')}
              />
              HMAC with a collaboration key (recommended)
            </label>
            <label className="check">
              <input
                type="radio"
                name="tokenMode"
                checked={v.tokenMode === 'sha256'}
                onChange={() => form.set('tokenMode', 'sha256')}
              />
              Plain SHA-256 (interoperable, weaker)
            </label>
          </div>
        </div>
        <FormActions mutation={propose} submitLabel="Send proposal" onCancel={onDone} />
      </form>
    </Card>
  );
}
