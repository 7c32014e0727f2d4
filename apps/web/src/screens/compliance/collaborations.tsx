// Compliance › Collaborations: proposals, approvals from this node, suspend/resume/leave, and new proposals.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Can } from '../../ability.tsx';
import { industryLabel, purposeTitle } from '../../labels.ts';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { Button } from '../../ui/form.tsx';
import { Badge, Card, fmtDate, fmtNumber, Page, type Tone } from '../../ui/layout.tsx';
import { Empty, ErrorNote, QueryState } from '../../ui/states.tsx';
import { useToast } from '../../ui/toast.tsx';
import { ProposeCollaboration } from './collaboration-propose.tsx';

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
          <PolicyFacts c={c} />
        </div>
        <CollaborationActions c={c} selfId={selfId} />
      </div>
    </section>
  );
}

function PolicyFacts({ c }: { c: Collaboration }) {
  const p = c.policy;
  return (
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
        {c.tokenMode === 'hmac' ? 'HMAC (keyed, unlinkable)' : <Badge tone="warn">SHA-256 (weaker)</Badge>}
      </dd>
      <dt>Expires</dt>
      <dd>{fmtDate(c.expiresAt)}</dd>
    </dl>
  );
}

/** Approve (when this node's approval is awaited), suspend, resume or leave, with their errors above. */
function CollaborationActions({ c, selfId }: { c: Collaboration; selfId: string | undefined }) {
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
  const act = (action: 'suspend' | 'resume' | 'leave') =>
    change.mutate({ collaborationId: c.id, action, reason: '' });
  return (
    <>
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
            <Button busy={change.isPending} onClick={() => act('suspend')}>
              Suspend
            </Button>
          ) : null}
          {c.status === 'suspended' ? (
            <Button busy={change.isPending} onClick={() => act('resume')}>
              Resume
            </Button>
          ) : null}
          {c.status === 'active' || c.status === 'suspended' || c.status === 'pending' ? (
            <Button
              variant="danger"
              busy={change.isPending}
              onClick={() => {
                if (confirm(`Leave “${c.name}”? Everything we published there is deleted at the clean room.`))
                  act('leave');
              }}
            >
              Leave
            </Button>
          ) : null}
        </Can>
      </div>
    </>
  );
}
