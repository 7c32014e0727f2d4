// The node console's signed-in frame: the shared Frame with the node's name, its route table and the user card.
import type { ReactNode } from 'react';
import { Frame } from './frame.tsx';
import { NAV_GROUPS, ROUTES } from './routes.tsx';
import { GlobalSearch } from './search.tsx';
import { useSession } from './session.tsx';

const INDUSTRY: Record<string, string> = {
  bank: 'Bank',
  insurance: 'Insurer',
  automotive: 'Automotive',
  retail: 'Retail',
  telecom: 'Telecom',
  other: 'Partner',
};

export function Shell({ children }: { children: ReactNode }) {
  const { user, node, ability, signOut } = useSession();
  return (
    <Frame
      brandLine={`${node.name}${node.industry ? ` · ${INDUSTRY[node.industry] ?? node.industry}` : ''}`}
      groups={NAV_GROUPS}
      routes={ROUTES}
      ability={ability}
      who={{
        name: user.displayName || user.email,
        role: user.role === 'compliance' ? 'Compliance officer' : user.role,
      }}
      onSignOut={signOut}
      search={<GlobalSearch />}
    >
      {children}
    </Frame>
  );
}
