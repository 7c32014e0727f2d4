// The signed-in frame: sidebar navigation built from the role's CASL rules, the user card, and the page area.
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { allows } from './ability.tsx';
import { markInteractiveWhenSettled } from './perf.ts';
import { Link, useLocation } from './router.tsx';
import { NAV_GROUPS, ROUTES } from './routes.tsx';
import { GlobalSearch } from './search.tsx';
import { useSession } from './session.tsx';
import { Icon, Logo } from './ui/icons.tsx';

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
  const { path } = useLocation();
  const queryClient = useQueryClient();
  useEffect(() => markInteractiveWhenSettled(queryClient), [queryClient]);
  const initials = (user.displayName || user.email)
    .split(/[\s@.]+/)
    .slice(0, 2)
    .map((s) => s[0]?.toUpperCase())
    .join('');
  return (
    <div className="shell">
      <aside className="side">
        <div className="brand">
          <Logo className="brand-mark" />
          <div>
            <div className="brand-name">Concord</div>
            <div className="brand-node" data-testid="node-name">
              {node.name}
              {node.industry ? ` · ${INDUSTRY[node.industry] ?? node.industry}` : ''}
            </div>
          </div>
        </div>
        <GlobalSearch />
        <nav aria-label="Main" className="stack-sm">
          {NAV_GROUPS.map((group) => {
            const items = ROUTES.filter((r) => r.nav?.group === group && allows(ability, r.need));
            if (items.length === 0) return null;
            return (
              <div className="nav-group" key={group}>
                <div className="nav-title">{group}</div>
                {items.map((r) => {
                  const active = path === r.path || path.startsWith(`${r.path}/`);
                  return (
                    <Link
                      key={r.path}
                      to={r.path}
                      className="nav-link"
                      aria-current={active ? 'page' : undefined}
                    >
                      <Icon name={r.nav!.icon} />
                      {r.nav!.label}
                    </Link>
                  );
                })}
              </div>
            );
          })}
        </nav>
        <div className="side-foot">
          <div className="who">
            <div className="avatar" aria-hidden="true">
              {initials}
            </div>
            <div style={{ minWidth: 0 }}>
              <div className="who-email" title={user.email}>
                {user.displayName || user.email}
              </div>
              <div className="who-role" data-testid="user-role">
                {user.role === 'compliance' ? 'Compliance officer' : user.role}
              </div>
            </div>
          </div>
          <button type="button" className="btn btn-ghost btn-sm" onClick={signOut}>
            <Icon name="logout" />
            Sign out
          </button>
        </div>
      </aside>
      <main className="main" id="main">
        {children}
      </main>
    </div>
  );
}
