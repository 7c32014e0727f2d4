// One campaign: launch, exports for mass channels, contact results, the members (skipped ones shown as such),
// deals from responses, results, and publishing the measurement to the partner who enabled the list.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from '../../router.tsx';
import { useTRPC } from '../../trpc.ts';
import { Button } from '../../ui/form.tsx';
import { Badge, Card, fmtDate, Page } from '../../ui/layout.tsx';
import { ErrorNote, QueryState } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';
import { useToast } from '../../ui/toast.tsx';
import { CampaignResults } from './campaign-results.tsx';

const MASS = ['email', 'sms', 'mail', 'social'];

function download(filename: string, csv: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  a.download = filename;
  a.click();
}

export function CampaignScreen({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const campaign = useQuery(trpc.campaigns.get.queryOptions({ campaignId: id }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.campaigns.pathKey() });
  const launch = useMutation(
    trpc.campaigns.launch.mutationOptions({
      onSuccess: async (r) => {
        await refresh();
        toast(`Launched: ${r.treatment} to contact, ${r.holdout} held out`);
      },
    }),
  );
  const exportChannel = useMutation(
    trpc.campaigns.exportChannel.mutationOptions({ onSuccess: (r) => download(r.filename, r.csv) }),
  );
  const publish = useMutation(
    trpc.campaigns.publishMeasurement.mutationOptions({
      onSuccess: (r) =>
        toast(
          `Shared with the partner: ${r.accepted.converted} conversions among ${r.accepted.treated + r.accepted.holdout}`,
        ),
    }),
  );
  return (
    <QueryState query={campaign}>
      {(c) => (
        <Page
          title={c.name}
          crumbs={<Link to="/campaigns">Campaigns</Link>}
          subtitle={`${c.audienceKind === 'list' ? 'Partner list' : 'Segment'} · offer ${c.offer.product ?? c.offer.category} · ${c.channels.join(', ')} · from ${fmtDate(c.startsOn)} · ${c.windowDays}-day window · holdout ${c.holdoutPct}% (seed ${c.seed.slice(0, 8)})`}
          actions={
            <>
              <Badge tone={c.status === 'launched' ? 'ok' : 'neutral'}>{c.status}</Badge>
              {c.status === 'draft' ? (
                <Button
                  variant="primary"
                  busy={launch.isPending}
                  onClick={() => launch.mutate({ campaignId: id })}
                >
                  Launch
                </Button>
              ) : null}
              {c.status === 'launched' && c.collaborationId ? (
                <Button busy={publish.isPending} onClick={() => publish.mutate({ campaignId: id })}>
                  Share results with partner
                </Button>
              ) : null}
            </>
          }
        >
          {launch.isError ? <ErrorNote error={launch.error} /> : null}
          {publish.isError ? <ErrorNote error={publish.error} /> : null}
          {c.status === 'launched' ? (
            <>
              <CampaignResults campaignId={id} />
              <Card
                title="Contacts"
                hint="Concord sends nothing itself: export a file for your email service, then import its report."
                actions={c.channels
                  .filter((ch) => MASS.includes(ch))
                  .map((ch) => (
                    <Button
                      key={ch}
                      size="sm"
                      icon="download"
                      onClick={() => exportChannel.mutate({ campaignId: id, channel: ch as 'email' })}
                    >
                      Export {ch}
                    </Button>
                  ))}
              >
                <ContactImport campaignId={id} onDone={refresh} />
              </Card>
              <Members campaignId={id} />
            </>
          ) : (
            <Card title="Not launched yet">
              <p className="small">
                Launching draws the holdout, checks consent for every member and plans follow-ups.
              </p>
            </Card>
          )}
        </Page>
      )}
    </QueryState>
  );
}

function ContactImport({ campaignId, onDone }: { campaignId: string; onDone: () => void }) {
  const trpc = useTRPC();
  const [csv, setCsv] = useState('customer_external_id,channel,status,occurred_at\n');
  const run = useMutation(trpc.campaigns.importContacts.mutationOptions({ onSuccess: onDone }));
  return (
    <div className="stack-sm">
      <label className="field">
        <span className="field-label">Contact results (CSV)</span>
        <textarea className="textarea mono" rows={5} value={csv} onChange={(e) => setCsv(e.target.value)} />
      </label>
      <div className="row">
        <Button
          variant="primary"
          icon="upload"
          busy={run.isPending}
          onClick={() => run.mutate({ campaignId, csv })}
        >
          Import results
        </Button>
        {run.data ? (
          <span className="small" data-testid="contact-report">
            Recorded {run.data.recorded}, rejected {run.data.rejected.length}
            {run.data.rejected.map((r) => ` · line ${r.line ?? '–'}: ${r.reason}`).join('')}
          </span>
        ) : null}
      </div>
      {run.isError ? <ErrorNote error={run.error} /> : null}
    </div>
  );
}

function Members({ campaignId }: { campaignId: string }) {
  const trpc = useTRPC();
  const toast = useToast();
  const members = useQuery(trpc.campaigns.members.queryOptions({ campaignId, limit: 500 }));
  const deal = useMutation(
    trpc.deals.fromResponse.mutationOptions({ onSuccess: (d) => toast(`Deal “${d.title}” created`) }),
  );
  const close = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  return (
    <Card title="Members" flush>
      <QueryState query={members}>
        {(rows) => (
          <Table
            caption="Campaign members"
            testId="members-table"
            rows={rows}
            rowKey={(m) => m.customerId}
            columns={[
              {
                key: 'id',
                header: 'Customer',
                cell: (m) => <Link to={`/customers/${m.customerId}`}>{m.externalId}</Link>,
              },
              { key: 'name', header: 'Name', cell: (m) => m.name },
              {
                key: 'grp',
                header: 'Group',
                cell: (m) => <Badge tone={m.group === 'holdout' ? 'partner' : 'brand'}>{m.group}</Badge>,
              },
              {
                key: 'state',
                header: 'Status',
                cell: (m) =>
                  m.skippedReason ? (
                    <Badge tone="danger">skipped · {m.skippedReason.replaceAll('_', ' ')}</Badge>
                  ) : (
                    <span className="small">
                      {m.statuses.join(', ') || (m.group === 'holdout' ? 'not contacted' : 'pending')}
                    </span>
                  ),
              },
              {
                key: 'deal',
                header: '',
                cell: (m) =>
                  m.statuses.includes('responded') && !m.skippedReason ? (
                    <Button
                      size="sm"
                      onClick={() =>
                        deal.mutate({
                          campaignId,
                          customerId: m.customerId,
                          amount: 480,
                          expectedClose: close,
                        })
                      }
                    >
                      Create deal
                    </Button>
                  ) : null,
              },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}
