// Compliance › Notices: every frozen version of the consent texts customers saw, and publishing a new one.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Can } from '../../ability.tsx';
import { PublishNoticeForm } from '../../forms.ts';
import { PURPOSES, purposeTitle } from '../../labels.ts';
import { useTRPC } from '../../trpc.ts';
import { Button, Field, FormActions, TextField, useZodForm } from '../../ui/form.tsx';
import { Badge, Card, fmtDateTime, Page } from '../../ui/layout.tsx';
import { Empty, QueryState } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';
import { useToast } from '../../ui/toast.tsx';

export function NoticesScreen() {
  const trpc = useTRPC();
  const notices = useQuery(trpc.notices.list.queryOptions());
  const [selected, setSelected] = useState<string | null>(null);
  const [composing, setComposing] = useState(false);
  const current = notices.data?.find((n) => n.id === selected);
  return (
    <Page
      title="Notices"
      subtitle="The exact texts shown when consent was collected. A text is frozen once published; a change is always a new version, and every consent event points at the version its customer saw."
      actions={
        <Can I="create" a="Notice">
          <Button variant="primary" icon="plus" onClick={() => setComposing(true)}>
            New version
          </Button>
        </Can>
      }
    >
      {composing ? <NoticeComposer onDone={() => setComposing(false)} /> : null}
      <div className="split">
        <Card title="Versions" flush>
          <QueryState
            query={notices}
            isEmpty={(n) => n.length === 0}
            empty={<Empty icon="file" title="No notices yet" hint="Publish the first consent notice text." />}
          >
            {(rows) => (
              <Table
                caption="Notice versions"
                rows={rows}
                rowKey={(n) => n.id}
                columns={[
                  {
                    key: 'title',
                    header: 'Notice',
                    cell: (n) => (
                      <button
                        type="button"
                        className="btn btn-ghost btn-sm"
                        onClick={() => setSelected(n.id)}
                      >
                        {n.title}
                      </button>
                    ),
                  },
                  { key: 'key', header: 'Key', cell: (n) => <code>{n.key}</code> },
                  {
                    key: 'v',
                    header: 'Version',
                    cell: (n) => (
                      <Badge plain>
                        v{n.version} · {n.language}
                      </Badge>
                    ),
                  },
                  {
                    key: 'at',
                    header: 'Published',
                    cell: (n) => <span className="small">{fmtDateTime(n.publishedAt)}</span>,
                  },
                ]}
              />
            )}
          </QueryState>
        </Card>
        <Card
          title={current ? `${current.title} · v${current.version}` : 'Text'}
          hint={current ? `SHA-256 ${current.bodySha256.slice(0, 16)}…` : undefined}
        >
          {current ? (
            <div className="stack-sm">
              <div className="chip-row">
                {current.purposes.map((p) => (
                  <Badge key={p} tone="brand" plain>
                    {purposeTitle(p)}
                  </Badge>
                ))}
              </div>
              <p style={{ whiteSpace: 'pre-wrap' }}>{current.body}</p>
            </div>
          ) : (
            <p className="muted">Choose a version to read its exact text.</p>
          )}
        </Card>
      </div>
    </Page>
  );
}

function NoticeComposer({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const form = useZodForm(PublishNoticeForm, { key: '', title: '', language: 'en', body: '', purposes: [] });
  const publish = useMutation(
    trpc.notices.publish.mutationOptions({
      onSuccess: async (n) => {
        await queryClient.invalidateQueries({ queryKey: trpc.notices.pathKey() });
        toast(`Published ${n.title} v${n.version}`);
        onDone();
      },
      onError: (e) => form.showServerError(e),
    }),
  );
  const purposes = form.values.purposes as string[];
  const bodyId = form.idFor('body');
  return (
    <Card title="Publish a notice version">
      <form className="stack" onSubmit={form.submit((d) => publish.mutate(d))} noValidate>
        <div className="form-grid">
          <TextField
            form={form}
            name="key"
            label="Key"
            placeholder="partner-offers"
            hint="Same key = next version of that notice."
          />
          <TextField form={form} name="title" label="Title" />
          <TextField form={form} name="language" label="Language" />
        </div>
        <fieldset>
          <legend>Purposes asked for</legend>
          <div className="chip-row">
            {PURPOSES.map((p) => (
              <label key={p.id} className="check">
                <input
                  type="checkbox"
                  checked={purposes.includes(p.id)}
                  onChange={() =>
                    form.set(
                      'purposes',
                      purposes.includes(p.id) ? purposes.filter((x) => x !== p.id) : [...purposes, p.id],
                    )
                  }
                />
                {p.title}
              </label>
            ))}
          </div>
          {form.errors.purposes ? <span className="field-error">{form.errors.purposes}</span> : null}
        </fieldset>
        <Field label="Exact text" id={bodyId} error={form.errors.body}>
          <textarea
            id={bodyId}
            className="textarea"
            rows={6}
            value={String(form.values.body)}
            aria-invalid={form.errors.body ? true : undefined}
            onChange={(e) => form.set('body', e.target.value)}
          />
        </Field>
        <FormActions mutation={publish} submitLabel="Publish version" onCancel={onDone} />
      </form>
    </Card>
  );
}
