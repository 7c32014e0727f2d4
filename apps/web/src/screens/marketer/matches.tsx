// Match requests: our published segment against partner segments — overlap counts, or a cross-sell list of our own customers.
// The kinds, their labels and which one takes an offer come from the protocol's registry (MATCH_KIND_INFO).
import { allowedKinds, MATCH_KIND_INFO, type MatchKind } from '@concord/protocol/contract/matches';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Can } from '../../ability.tsx';
import { fieldMessages } from '../../errors.ts';
import { RequestMatchForm } from '../../forms.ts';
import { purposeTitle } from '../../labels.ts';
import { Link, useLocation } from '../../router.tsx';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { Button, Field } from '../../ui/form.tsx';
import { Badge, Card, fmtNumber, Page } from '../../ui/layout.tsx';
import { Empty, ErrorNote, Loading, Notice } from '../../ui/states.tsx';
import { useToast } from '../../ui/toast.tsx';
import { ActiveCollaboration } from './active-collaboration.tsx';
import { MatchHistory } from './match-history.tsx';
import { KindField } from './match-kind-field.tsx';
import { MatchResult, type PartnerSegment, type Report } from './match-result.tsx';

type Collaboration = RouterOutputs['collaborations']['list'][number];
type Publication = RouterOutputs['publications']['list'][number];

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

function useMatchForm(collaboration: Collaboration) {
  const trpc = useTRPC();
  const { query } = useLocation();
  const ours = useQuery(trpc.publications.list.queryOptions({ collaborationId: collaboration.id }));
  const theirs = useQuery(trpc.publications.partners.queryOptions({ collaborationId: collaboration.id }));
  const live = (ours.data ?? []).filter((p) => p.status === 'live');
  const [publicationId, setPublicationId] = useState('');
  // Until the marketer picks, every partner segment is chosen: with a demo collaboration, one click runs a match.
  const [picked, setPicked] = useState<string[] | null>(
    query.get('partner') ? [query.get('partner')!] : null,
  );
  const [kind, setKind] = useState<MatchKind>('insight');
  const [purpose, setPurpose] = useState(collaboration.purposes[0] ?? '');
  const [offer, setOffer] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const partnerIds = picked ?? (theirs.data ?? []).map((p) => p.id);
  const chosenPublication = publicationId || live[0]?.id || '';
  const input = {
    collaborationId: collaboration.id,
    kind,
    purpose,
    publicationId: chosenPublication,
    partnerPublicationIds: partnerIds,
    ...(MATCH_KIND_INFO[kind].takesOffer ? { offer: { title: offer } } : {}),
  };
  return {
    ...{ ours, theirs, live, partnerIds, chosenPublication, kind, purpose, offer, errors, input },
    ...{ setPublicationId, setPicked, setKind, setPurpose, setOffer, setErrors },
  };
}
type MatchForm = ReturnType<typeof useMatchForm>;

function useRequestMatch(form: MatchForm, onReport: (r: Report) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const request = useMutation(
    trpc.matches.request.mutationOptions({
      onSuccess: async (r) => {
        await queryClient.invalidateQueries({ queryKey: trpc.matches.pathKey() });
        if (r.audience) await queryClient.invalidateQueries({ queryKey: trpc.lists.pathKey() });
        onReport(r);
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
    const parsed = RequestMatchForm.safeParse(form.input);
    if (!parsed.success) {
      form.setErrors(fieldMessages(parsed.error.issues));
      return;
    }
    form.setErrors({});
    request.mutate(parsed.data);
  };
  return { request, submit };
}

function MatchRequest({ collaboration }: { collaboration: Collaboration }) {
  const form = useMatchForm(collaboration);
  const [result, setResult] = useState<{ report: Report; ours: string; theirs: PartnerSegment[] } | null>(
    null,
  );
  const mine = form.live.find((p) => p.id === form.chosenPublication);
  const { request, submit } = useRequestMatch(form, (report) =>
    setResult({
      report,
      ours: mine?.segmentName ?? 'Our segment',
      theirs: (form.theirs.data ?? []).filter((p) => form.partnerIds.includes(p.id)),
    }),
  );
  return (
    <div className="split">
      <Card title="New request">
        <form className="stack" onSubmit={submit} noValidate>
          <OurSegmentField form={form} />
          <PartnerSegmentsField form={form} />
          <div className="form-grid">
            <KindField kind={form.kind} kinds={allowedKinds(collaboration.policy)} onChange={form.setKind} />
            <PurposeField form={form} purposes={collaboration.purposes} />
            {MATCH_KIND_INFO[form.kind].takesOffer ? <OfferField form={form} /> : null}
          </div>
          {request.isError ? <ErrorNote error={request.error} /> : null}
          <Can I="request" a="Match">
            <Button
              type="submit"
              variant="primary"
              icon="venn"
              busy={request.isPending}
              disabled={form.live.length === 0}
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
        {result ? (
          <MatchResult {...result} ourSize={mine?.members ?? null} />
        ) : (
          <Empty icon="venn" title="No result yet" hint="Choose segments and request a match." />
        )}
      </Card>
    </div>
  );
}

function OurSegmentField({ form }: { form: MatchForm }) {
  if (form.ours.isPending) return <Loading rows={1} />;
  if (form.live.length === 0) {
    return (
      <Notice tone="warn" title="Publish one of your segments first">
        Open a <Link to="/segments">segment</Link> and publish it into this collaboration.
      </Notice>
    );
  }
  return (
    <Field label="Our segment" id="m-ours" error={form.errors.publicationId}>
      <select
        id="m-ours"
        className="select"
        value={form.chosenPublication}
        onChange={(e) => form.setPublicationId(e.target.value)}
      >
        {form.live.map((p: Publication) => (
          <option key={p.id} value={p.id}>
            {p.segmentName} · {fmtNumber(p.members ?? 0)} published
          </option>
        ))}
      </select>
    </Field>
  );
}

function PartnerSegmentsField({ form }: { form: MatchForm }) {
  const { theirs, partnerIds } = form;
  const toggle = (id: string) =>
    form.setPicked(partnerIds.includes(id) ? partnerIds.filter((y) => y !== id) : [...partnerIds, id]);
  return (
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
              <input type="checkbox" checked={partnerIds.includes(p.id)} onChange={() => toggle(p.id)} />
              {p.name} <Badge tone="partner">{p.partnerName}</Badge>{' '}
              <span className="small muted">{p.sizeBand}</span>
            </label>
          ))}
        </div>
      )}
      {form.errors.partnerPublicationIds ? (
        <span className="field-error">{form.errors.partnerPublicationIds}</span>
      ) : null}
    </fieldset>
  );
}

function PurposeField({ form, purposes }: { form: MatchForm; purposes: string[] }) {
  return (
    <Field label="Purpose" id="m-purpose" className="wide">
      <select
        id="m-purpose"
        className="select"
        value={form.purpose}
        onChange={(e) => form.setPurpose(e.target.value)}
      >
        {purposes.map((p) => (
          <option key={p} value={p}>
            {purposeTitle(p)}
          </option>
        ))}
      </select>
    </Field>
  );
}

function OfferField({ form }: { form: MatchForm }) {
  return (
    <Field
      label="Offer title (shown to the partner)"
      id="m-offer"
      className="wide"
      error={form.errors['offer.title']}
    >
      <input
        id="m-offer"
        className="input"
        value={form.offer}
        onChange={(e) => form.setOffer(e.target.value)}
      />
    </Field>
  );
}
