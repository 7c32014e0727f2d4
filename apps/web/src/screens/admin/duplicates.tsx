// Probable duplicates: customers sharing a normalized email or phone, with the evidence; an admin merges or dismisses.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '../../router.tsx';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { Button } from '../../ui/form.tsx';
import { Card, Page } from '../../ui/layout.tsx';
import { Empty, ErrorNote, QueryState } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';
import { useToast } from '../../ui/toast.tsx';

type Pair = RouterOutputs['duplicates']['list'][number];
type Side = Pair['a'];

const name = (s: Side) => [s.firstName, s.lastName].filter(Boolean).join(' ') || s.externalId;

export function DuplicatesScreen() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const pairs = useQuery(trpc.duplicates.list.queryOptions({}));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.duplicates.pathKey() });
  const scan = useMutation(
    trpc.duplicates.scan.mutationOptions({
      onSuccess: async (r) => {
        await refresh();
        toast(`${r.flagged} new pair(s) flagged`);
      },
    }),
  );
  const merge = useMutation(
    trpc.duplicates.merge.mutationOptions({
      onSuccess: async (r) => {
        await refresh();
        toast(`Merged; can be undone until ${new Date(r.undoUntil).toLocaleDateString()}`);
      },
    }),
  );
  const dismiss = useMutation(trpc.duplicates.dismiss.mutationOptions({ onSuccess: refresh }));
  return (
    <Page
      title="Duplicates"
      subtitle="Customers sharing an email or phone are probably one person. Merging moves history, identifiers and consent (the strictest state per purpose wins) to the record you keep."
      actions={
        <Button busy={scan.isPending} onClick={() => scan.mutate()}>
          Scan all customers
        </Button>
      }
    >
      {merge.isError ? <ErrorNote error={merge.error} /> : null}
      <Card flush>
        <QueryState
          query={pairs}
          isEmpty={(d) => d.length === 0}
          empty={<Empty icon="users" title="No probable duplicates" hint="Imports flag them as they go." />}
        >
          {(rows) => (
            <Table
              caption="Probable duplicates"
              testId="duplicates-table"
              rows={rows}
              rowKey={(p) => `${p.a.id}-${p.b.id}`}
              columns={[
                { key: 'a', header: 'Keep', cell: (p) => <SideCell side={p.a} /> },
                { key: 'b', header: 'Merge into it', cell: (p) => <SideCell side={p.b} /> },
                {
                  key: 'evidence',
                  header: 'Shared',
                  cell: (p) => p.evidence.map((e) => `${e.idType} ${e.value}`).join(', '),
                },
                {
                  key: 'actions',
                  header: '',
                  cell: (p) => (
                    <div className="actions">
                      <Button
                        size="sm"
                        variant="primary"
                        busy={merge.isPending}
                        onClick={() => {
                          if (confirm(`Merge ${name(p.b)} into ${name(p.a)}?`))
                            merge.mutate({ survivorId: p.a.id, mergedId: p.b.id });
                        }}
                      >
                        Merge
                      </Button>
                      <Button
                        size="sm"
                        onClick={() => dismiss.mutate({ customerA: p.a.id, customerB: p.b.id })}
                      >
                        Not the same
                      </Button>
                    </div>
                  ),
                },
              ]}
            />
          )}
        </QueryState>
      </Card>
    </Page>
  );
}

function SideCell({ side }: { side: Side }) {
  return (
    <span>
      <Link to={`/customers/${side.id}`}>{name(side)}</Link>{' '}
      <code className="muted small">{side.externalId}</code>
    </span>
  );
}
