// Admin › Credentials: this node's membership in the clean room — join with the operator's invitation code,
// rotate the credential, or revoke it. The credential itself never reaches the browser.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { useTRPC } from '../../trpc.ts';
import { Button, TextField, useZodForm } from '../../ui/form.tsx';
import { Badge, Card } from '../../ui/layout.tsx';
import { ErrorNote, Notice, QueryState } from '../../ui/states.tsx';
import { useToast } from '../../ui/toast.tsx';

const JoinForm = z.object({ code: z.string().trim().min(10, 'Paste the invitation code from the operator') });

export function CleanroomMembershipCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const status = useQuery(trpc.system.status.queryOptions());
  const [confirming, setConfirming] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.system.status.queryKey() });
  const form = useZodForm(JoinForm, { code: '' });
  const join = useMutation(
    trpc.cleanroom.join.mutationOptions({
      onSuccess: async (r) => {
        form.setAll({ code: '' });
        await refresh();
        toast(`Joined the clean room as ${r.partner.name}`);
      },
      onError: (e) => form.showServerError(e),
    }),
  );
  const rotate = useMutation(
    trpc.cleanroom.rotate.mutationOptions({
      onSuccess: async () => {
        await refresh();
        toast('New credential in place; the old one no longer works');
      },
    }),
  );
  const revoke = useMutation(
    trpc.cleanroom.revoke.mutationOptions({
      onSuccess: async () => {
        setConfirming(false);
        await refresh();
        toast('Credential revoked: this node has left the clean room');
      },
    }),
  );
  return (
    <Card
      title="Clean room membership"
      hint="The operator gives you a one-time invitation code. Entering it registers this node's public key and stores the credential on the node; nobody copies files."
    >
      <QueryState query={status} rows={2}>
        {(s) =>
          s.cleanroom.configured ? (
            <div className="stack">
              <div className="row" style={{ gap: 8 }} data-testid="membership">
                {s.cleanroom.reachable ? (
                  <Badge tone="ok">connected</Badge>
                ) : (
                  <Badge tone="warn">unreachable</Badge>
                )}
                <span>
                  {s.cleanroom.partnerName
                    ? `Known to the clean room as ${s.cleanroom.partnerName}`
                    : s.cleanroom.error}
                </span>
              </div>
              <div className="row" style={{ gap: 8 }}>
                <Button size="sm" icon="key" busy={rotate.isPending} onClick={() => rotate.mutate()}>
                  Rotate credential
                </Button>
                {confirming ? (
                  <>
                    <Button
                      size="sm"
                      variant="danger"
                      busy={revoke.isPending}
                      onClick={() => revoke.mutate()}
                    >
                      Yes, revoke and leave
                    </Button>
                    <Button size="sm" onClick={() => setConfirming(false)}>
                      Keep it
                    </Button>
                  </>
                ) : (
                  <Button size="sm" variant="danger" onClick={() => setConfirming(true)}>
                    Revoke credential
                  </Button>
                )}
              </div>
              {rotate.isError ? <ErrorNote error={rotate.error} /> : null}
              {revoke.isError ? <ErrorNote error={revoke.error} /> : null}
            </div>
          ) : (
            <form className="stack" onSubmit={form.submit((d) => join.mutate(d))} noValidate>
              <Notice tone="info" title="Not joined yet">
                This node is not a member of a clean room. Ask its operator for an invitation code.
              </Notice>
              <TextField
                form={form}
                name="code"
                label="Invitation code"
                placeholder="cci_…"
                autoComplete="off"
              />
              {join.isError ? <ErrorNote error={join.error} /> : null}
              <Button type="submit" variant="primary" icon="key" busy={join.isPending}>
                Join the clean room
              </Button>
            </form>
          )
        }
      </QueryState>
    </Card>
  );
}
