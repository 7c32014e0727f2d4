// Account › My API tokens: every role issues and revokes its own tokens for the CLI and scripts.
import { Card, Page } from '../../ui/layout.tsx';
import { IssueOwnToken, TokenTable } from './api-tokens.tsx';

export function MyTokensScreen() {
  return (
    <Page
      title="My API tokens"
      subtitle="Tokens for the CLI and scripts. A token acts as you, with your role — never as anyone else."
    >
      <div className="split">
        <Card title="Your tokens" flush>
          <TokenTable />
        </Card>
        <IssueOwnToken />
      </div>
    </Page>
  );
}
