// Admin › Credentials and keys: the node's public key for the clean room, and API tokens for the CLI.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../trpc.ts';
import { CopyButton } from '../../ui/copy-button.tsx';
import { Card, Page } from '../../ui/layout.tsx';
import { QueryState } from '../../ui/states.tsx';
import { IssueOwnToken, TokenTable } from '../shared/api-tokens.tsx';
import { CleanroomMembershipCard } from './cleanroom-membership.tsx';

export function CredentialsScreen() {
  const trpc = useTRPC();
  const identity = useQuery(trpc.system.identity.queryOptions());
  const users = useQuery(trpc.users.list.queryOptions());
  const email = (id: string) => users.data?.find((u) => u.id === id)?.email ?? id.slice(0, 8);
  return (
    <Page
      title="Credentials and keys"
      subtitle="How this node proves who it is: its X25519 public key at the clean room, and API tokens for scripts and the CLI."
    >
      <Card
        title="Node identity"
        hint="Joining with an invitation code registers this public key at the clean room. The private key never leaves the node."
      >
        <QueryState query={identity} rows={2}>
          {(id) => (
            <dl className="kv">
              <dt>Company</dt>
              <dd>{id.name}</dd>
              <dt>Industry</dt>
              <dd>{id.industry}</dd>
              <dt>X25519 public key</dt>
              <dd>
                <div className="secret" data-testid="public-key">
                  {id.publicKey}
                </div>
                <CopyButton value={id.publicKey} label="Copy key" />
              </dd>
            </dl>
          )}
        </QueryState>
      </Card>
      <CleanroomMembershipCard />
      <div className="split">
        <Card
          title="Every API token on this node"
          hint="Tokens are issued by their holder and carry the holder's role. You can revoke any of them, but not issue one for someone else."
          flush
        >
          <TokenTable holderEmail={email} />
        </Card>
        <IssueOwnToken />
      </div>
    </Page>
  );
}
