// The signed-in frame shared by the node console and the clean room's operator console: brand, sidebar
// navigation built from a route table and the caller's CASL ability, the "who" card with sign-out, the page area.

import type { AppAbility } from '@concord/access';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { allows } from './ability.tsx';
import { markInteractiveWhenSettled } from './perf.ts';
import type { RouteDef } from './route-switch.tsx';
import { Link, useLocation } from './router.tsx';
import { Icon, Logo } from './ui/icons.tsx';

export function Frame<G extends string>({
  brandLine,
  groups,
  routes,
  ability,
  who,
  onSignOut,
  search,
  children,
}: {
  brandLine: ReactNode;
  groups: readonly G[];
  routes: readonly RouteDef<G>[];
  ability: AppAbility;
  who: { name: string; role: string };
  onSignOut: () => void;
  /** Shown under the brand (the node console's global search). */
  search?: ReactNode;
  children: ReactNode;
}) {
  const { path } = useLocation();
  const queryClient = useQueryClient();
  useEffect(() => markInteractiveWhenSettled(queryClient), [queryClient]);
  const initials = who.name
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
              {brandLine}
            </div>
          </div>
        </div>
        {search}
        <nav aria-label="Main" className="stack-sm">
          {groups.map((group) => {
            const items = routes.filter((r) => r.nav?.group === group && allows(ability, r.need));
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
              <div className="who-email" title={who.name}>
                {who.name}
              </div>
              <div className="who-role" data-testid="user-role">
                {who.role}
              </div>
            </div>
          </div>
          <button type="button" className="btn btn-ghost btn-sm" onClick={onSignOut}>
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
