// The operator console's screens with the CASL permission each needs (operatorRules in @concord/access);
// navigation and guards are derived from this table by the shared Frame and RouteSwitch.
import { lazy } from 'react';
import type { RouteDef } from '../route-switch.tsx';

const PartnersScreen = lazy(() =>
  import('./screens/partners.tsx').then((m) => ({ default: m.PartnersScreen })),
);
const CollaborationsScreen = lazy(() =>
  import('./screens/collaborations.tsx').then((m) => ({ default: m.OperatorCollaborationsScreen })),
);
const ActivityScreen = lazy(() =>
  import('./screens/activity.tsx').then((m) => ({ default: m.ActivityScreen })),
);
const HealthScreen = lazy(() =>
  import('./screens/health.tsx').then((m) => ({ default: m.CleanroomHealthScreen })),
);
const AuditScreen = lazy(() => import('./screens/audit.tsx').then((m) => ({ default: m.AuditChainScreen })));

export const OPERATOR_GROUPS = ['Registry', 'Service'] as const;

export const OPERATOR_ROUTES: RouteDef<(typeof OPERATOR_GROUPS)[number]>[] = [
  {
    path: '/partners',
    title: 'Partners',
    need: [['read', 'Partner']],
    render: () => <PartnersScreen />,
    nav: { group: 'Registry', label: 'Partners', icon: 'users' },
  },
  {
    path: '/collaborations',
    title: 'Collaborations',
    need: [['read', 'Collaboration']],
    render: () => <CollaborationsScreen />,
    nav: { group: 'Registry', label: 'Collaborations', icon: 'handshake' },
  },
  {
    path: '/activity',
    title: 'Ingestion and matches',
    need: [['read', 'CleanroomActivity']],
    render: () => <ActivityScreen />,
    nav: { group: 'Service', label: 'Activity', icon: 'chart' },
  },
  {
    path: '/health',
    title: 'Health',
    need: [['read', 'CleanroomHealth']],
    render: () => <HealthScreen />,
    nav: { group: 'Service', label: 'Health', icon: 'activity' },
  },
  {
    path: '/audit',
    title: 'Audit chain',
    need: [['read', 'AuditLog']],
    render: () => <AuditScreen />,
    nav: { group: 'Service', label: 'Audit chain', icon: 'scroll' },
  },
];
