// Route tables and the switch that renders the matching screen behind its CASL guard; shared by the node
// console and the operator console, so navigation and guards are always derived from the same table.
import type { AppAbility } from '@concord/access';
import { type ReactNode, Suspense, useEffect } from 'react';
import { allows, type Need } from './ability.tsx';
import { matchPath, navigate, useLocation } from './router.tsx';
import { Forbidden, NotFound } from './screens/fallbacks.tsx';
import type { IconName } from './ui/icons.tsx';
import { Loading } from './ui/states.tsx';

export interface RouteDef<G extends string = string> {
  path: string;
  title: string;
  need: readonly Need[];
  render: (params: Record<string, string>) => ReactNode;
  nav?: { group: G; label: string; icon: IconName };
}

export function RouteSwitch({
  routes,
  ability,
  home,
  product = 'Concord',
}: {
  routes: readonly RouteDef[];
  ability: AppAbility;
  /** Where `/` leads: the caller's start page, or undefined when nothing is allowed. */
  home: RouteDef | undefined;
  product?: string;
}) {
  const { path } = useLocation();
  useEffect(() => {
    if (path === '/' && home) navigate(home.path, { replace: true });
  }, [path, home]);

  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    if (!allows(ability, route.need)) return <Forbidden title={route.title} />;
    return (
      <Titled title={`${route.title} · ${product}`}>
        <Suspense fallback={<Loading rows={6} />}>{route.render(params)}</Suspense>
      </Titled>
    );
  }
  if (path === '/') return home ? <Loading /> : <NotFound />;
  return <NotFound />;
}

function Titled({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = title;
  }, [title]);
  return <>{children}</>;
}
