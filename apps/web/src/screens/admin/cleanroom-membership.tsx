// Admin › Credentials: this node's membership in the clean room — join with the operator's invitation code,
// rotate the credential, or revoke it. The credential itself never reaches the browser.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { useTRPC } from '../../trpc.ts';
import { Button, TextField, useZodForm } from '../../ui/form.tsx';
import { Badge, Card } from '../../ui/layout.tsx';
import { ErrorNote, Notice, QueryState } from '../../ui/states.tsx';
import { useRefreshThenToast } from '../../ui/toast.tsx';

const JoinForm = z.object({ code: z.string().trim().min(10, 'Paste the invitation code from the operator') });

export function CleanroomMembershipCard() {
  const trpc = useTRPC();
  const status = useQuery(trpc.system.status.queryOptions());
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
              <CredentialControls />
              {s.cleanroom.reachable ? null : (
                <JoinCodeForm
                  title="Rejoin with a new code"
                  text="If the operator rotated this node's credential or re-invited it, enter the new invitation code."
                />
              )}
            </div>
          ) : (
            <JoinCodeForm
              title="Not joined yet"
              text="This node is not a member of a clean room. Ask its operator for an invitation code."
            />
          )
        }
      </QueryState>
    </Card>
  );
}

function JoinCodeForm({ title, text }: { title: string; text: string }) {
  const trpc = useTRPC();
  const done = useRefreshThenToast();
  const form = useZodForm(JoinForm, { code: '' });
  const join = useMutation(
    trpc.cleanroom.join.mutationOptions({
      onSuccess: async (r) => {
        form.setAll({ code: '' });
        await done(trpc.system.status.queryKey(), `Joined the clean room as ${r.partner.name}`);
      },
      onError: (e) => form.showServerError(e),
    }),
  );
  return (
    <form className="stack" onSubmit={form.submit((d) => join.mutate(d))} noValidate>
      <Notice tone="info" title={title}>
        {text}
      </Notice>
      <TextField form={form} name="code" label="Invitation code" placeholder="cci_…" autoComplete="off" />
      {join.isError ? <ErrorNote error={join.error} /> : null}
      <Button type="submit" variant="primary" icon="key" busy={join.isPending}>
        Join the clean room
      </Button>
    </form>
  );
}

/** Rotate the credential, or revoke it (after a confirmation), with their errors below. */
function CredentialControls() {
  const trpc = useTRPC();
  const done = useRefreshThenToast();
  const [confirming, setConfirming] = useState(false);
  const statusKey = trpc.system.status.queryKey();
  const rotate = useMutation(
    trpc.cleanroom.rotate.mutationOptions({
      onSuccess: () => done(statusKey, 'New credential in place; the old one no longer works'),
    }),
  );
  const revoke = useMutation(
    trpc.cleanroom.revoke.mutationOptions({
      onSuccess: async () => {
        setConfirming(false);
        await done(statusKey, 'Credential revoked: this node has left the clean room');
      },
    }),
  );
  return (
    <>
      <div className="row" style={{ gap: 8 }}>
        <Button size="sm" icon="key" busy={rotate.isPending} onClick={() => rotate.mutate()}>
          Rotate credential
        </Button>
        {confirming ? (
          <>
            <Button size="sm" variant="danger" busy={revoke.isPending} onClick={() => revoke.mutate()}>
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
    </>
  );
}
