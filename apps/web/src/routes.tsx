// Every screen with the CASL permission it needs; navigation and route guards are both derived from this table.
import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { allows, type Need, useAppAbility } from './ability.tsx';
import { matchPath, navigate, useLocation } from './router.tsx';
import { Forbidden, NotFound } from './screens/fallbacks.tsx';
import { useSession } from './session.tsx';
import type { IconName } from './ui/icons.tsx';
import { Loading } from './ui/states.tsx';

// Screens load on first visit, so signing in downloads only the shell and the login form.
const CredentialsScreen = lazy(() =>
  import('./screens/admin/credentials.tsx').then((m) => ({ default: m.CredentialsScreen })),
);
const DuplicatesScreen = lazy(() =>
  import('./screens/admin/duplicates.tsx').then((m) => ({ default: m.DuplicatesScreen })),
);
const HealthScreen = lazy(() =>
  import('./screens/admin/health.tsx').then((m) => ({ default: m.HealthScreen })),
);
const ImportsScreen = lazy(() =>
  import('./screens/admin/imports.tsx').then((m) => ({ default: m.ImportsScreen })),
);
const UsersScreen = lazy(() => import('./screens/admin/users.tsx').then((m) => ({ default: m.UsersScreen })));
const AuditScreen = lazy(() =>
  import('./screens/compliance/audit.tsx').then((m) => ({ default: m.AuditScreen })),
);
const CollaborationsScreen = lazy(() =>
  import('./screens/compliance/collaborations.tsx').then((m) => ({ default: m.CollaborationsScreen })),
);
const ConsentStatsScreen = lazy(() =>
  import('./screens/compliance/consent-stats.tsx').then((m) => ({ default: m.ConsentStatsScreen })),
);
const NoticesScreen = lazy(() =>
  import('./screens/compliance/notices.tsx').then((m) => ({ default: m.NoticesScreen })),
);
const PartnerRequestsScreen = lazy(() =>
  import('./screens/compliance/partner-requests.tsx').then((m) => ({ default: m.PartnerRequestsScreen })),
);
const PrivacyScreen = lazy(() =>
  import('./screens/compliance/privacy.tsx').then((m) => ({ default: m.PrivacyScreen })),
);
const MyTokensScreen = lazy(() =>
  import('./screens/shared/my-tokens.tsx').then((m) => ({ default: m.MyTokensScreen })),
);
const RulesScreen = lazy(() =>
  import('./screens/compliance/rules.tsx').then((m) => ({ default: m.RulesScreen })),
);
const AnalyticsScreen = lazy(() =>
  import('./screens/marketer/analytics.tsx').then((m) => ({ default: m.AnalyticsScreen })),
);
const CrossTabScreen = lazy(() =>
  import('./screens/analytics/cross-tab.tsx').then((m) => ({ default: m.CrossTabScreen })),
);
const SurveysScreen = lazy(() =>
  import('./screens/analytics/surveys.tsx').then((m) => ({ default: m.SurveysScreen })),
);
const LoyaltyScreen = lazy(() =>
  import('./screens/analytics/loyalty.tsx').then((m) => ({ default: m.LoyaltyScreen })),
);
const ValueScreen = lazy(() =>
  import('./screens/analytics/value.tsx').then((m) => ({ default: m.ValueScreen })),
);
const CatalogueScreen = lazy(() =>
  import('./screens/marketer/catalogue.tsx').then((m) => ({ default: m.CatalogueScreen })),
);
const CustomerScreen = lazy(() =>
  import('./screens/marketer/customer.tsx').then((m) => ({ default: m.CustomerScreen })),
);
const CustomersScreen = lazy(() =>
  import('./screens/marketer/customers.tsx').then((m) => ({ default: m.CustomersScreen })),
);
const ListScreen = lazy(() =>
  import('./screens/marketer/lists.tsx').then((m) => ({ default: m.ListScreen })),
);
const ListsScreen = lazy(() =>
  import('./screens/marketer/lists.tsx').then((m) => ({ default: m.ListsScreen })),
);
const MatchesScreen = lazy(() =>
  import('./screens/marketer/matches.tsx').then((m) => ({ default: m.MatchesScreen })),
);
const CampaignsScreen = lazy(() =>
  import('./screens/marketer/campaigns.tsx').then((m) => ({ default: m.CampaignsScreen })),
);
const CampaignScreen = lazy(() =>
  import('./screens/marketer/campaign.tsx').then((m) => ({ default: m.CampaignScreen })),
);
const DealsScreen = lazy(() =>
  import('./screens/marketer/deals.tsx').then((m) => ({ default: m.DealsScreen })),
);
const CollaborationResultsScreen = lazy(() =>
  import('./screens/marketer/partner-results.tsx').then((m) => ({ default: m.CollaborationResultsScreen })),
);
const SegmentBuilderScreen = lazy(() =>
  import('./screens/marketer/segment-builder.tsx').then((m) => ({ default: m.SegmentBuilderScreen })),
);
const ServiceDeskScreen = lazy(() =>
  import('./screens/records/service-desk.tsx').then((m) => ({ default: m.ServiceDeskScreen })),
);
const SegmentsScreen = lazy(() =>
  import('./screens/marketer/segments.tsx').then((m) => ({ default: m.SegmentsScreen })),
);

const HOME_BY_ROLE: Record<string, string> = {
  marketer: '/customers',
  compliance: '/compliance/collaborations',
  admin: '/admin/health',
};

export const NAV_GROUPS = ['Customers', 'Collaboration', 'Compliance', 'Node', 'Account'] as const;

export interface RouteDef {
  path: string;
  title: string;
  need: readonly Need[];
  render: (params: Record<string, string>) => ReactNode;
  nav?: { group: (typeof NAV_GROUPS)[number]; label: string; icon: IconName };
}

export const ROUTES: RouteDef[] = [
  // Marketer (and read-only for compliance where the rules allow).
  {
    path: '/customers',
    title: 'Customers',
    // Admins too: they fix invalid identifiers on the customer screen (master data upkeep).
    need: [['read', 'Customer']],
    render: () => <CustomersScreen />,
    nav: { group: 'Customers', label: 'Customers', icon: 'users' },
  },
  {
    path: '/customers/:id',
    title: 'Customer',
    need: [['read', 'Customer']],
    render: (p) => <CustomerScreen id={p.id!} />,
  },
  {
    path: '/customers/:id/service',
    title: 'Service desk',
    need: [
      ['read', 'Customer'],
      ['read', 'Interaction'],
    ],
    render: (p) => <ServiceDeskScreen id={p.id!} />,
  },
  {
    path: '/segments',
    title: 'Segments',
    need: [['create', 'Segment']],
    render: () => <SegmentsScreen />,
    nav: { group: 'Customers', label: 'Segments', icon: 'layers' },
  },
  {
    path: '/segments/new',
    title: 'New segment',
    need: [['create', 'Segment']],
    render: () => <SegmentBuilderScreen />,
  },
  {
    path: '/segments/:id',
    title: 'Segment',
    need: [['create', 'Segment']],
    render: (p) => <SegmentBuilderScreen id={p.id!} />,
  },
  {
    path: '/analytics',
    title: 'Analytics',
    need: [['read', 'Analytics']],
    render: () => <AnalyticsScreen />,
    nav: { group: 'Customers', label: 'Analytics', icon: 'chart' },
  },
  {
    path: '/analytics/cross-tab',
    title: 'Purchases × anything',
    need: [['read', 'Analytics']],
    render: () => <CrossTabScreen />,
    nav: { group: 'Customers', label: 'Cross-tabs', icon: 'grid' },
  },
  {
    path: '/analytics/surveys',
    title: 'Surveys',
    need: [['read', 'Survey']],
    render: () => <SurveysScreen />,
    nav: { group: 'Customers', label: 'Surveys', icon: 'checkCircle' },
  },
  {
    path: '/analytics/loyalty',
    title: 'Loyalty programme',
    need: [['read', 'Loyalty']],
    render: () => <LoyaltyScreen />,
    nav: { group: 'Customers', label: 'Loyalty', icon: 'activity' },
  },
  {
    path: '/analytics/value',
    title: 'Customer value',
    need: [['read', 'Analytics']],
    render: () => <ValueScreen />,
    nav: { group: 'Customers', label: 'Customer value', icon: 'pie' },
  },
  {
    path: '/catalogue',
    title: 'Partner catalogue',
    need: [['request', 'Match']],
    render: () => <CatalogueScreen />,
    nav: { group: 'Collaboration', label: 'Partner catalogue', icon: 'grid' },
  },
  {
    path: '/matches',
    title: 'Match with partners',
    need: [['request', 'Match']],
    render: () => <MatchesScreen />,
    nav: { group: 'Collaboration', label: 'Matches', icon: 'venn' },
  },
  {
    path: '/lists',
    title: 'Audience lists',
    need: [['export', 'AudienceList']],
    render: () => <ListsScreen />,
    nav: { group: 'Collaboration', label: 'Audience lists', icon: 'list' },
  },
  {
    path: '/lists/:id',
    title: 'Audience list',
    need: [['export', 'AudienceList']],
    render: (p) => <ListScreen id={p.id!} />,
  },
  // Campaigns, deals and collaboration results (docs/campaigns.md).
  {
    path: '/campaigns',
    title: 'Campaigns',
    need: [['create', 'Campaign']],
    render: () => <CampaignsScreen />,
    nav: { group: 'Customers', label: 'Campaigns', icon: 'chart' },
  },
  {
    path: '/campaigns/:id',
    title: 'Campaign',
    need: [['read', 'Campaign']],
    render: (p) => <CampaignScreen id={p.id!} />,
  },
  {
    path: '/deals',
    title: 'Deals',
    need: [['read', 'Deal']],
    render: () => <DealsScreen />,
    nav: { group: 'Customers', label: 'Deals', icon: 'handshake' },
  },
  {
    path: '/collaboration-results',
    title: 'Collaboration results',
    need: [
      ['read', 'Campaign'],
      ['read', 'Collaboration'],
    ],
    render: () => <CollaborationResultsScreen />,
    nav: { group: 'Collaboration', label: 'Results', icon: 'pie' },
  },
  // Compliance officer.
  {
    path: '/compliance/collaborations',
    title: 'Collaborations',
    need: [['approve', 'Collaboration']],
    render: () => <CollaborationsScreen />,
    nav: { group: 'Compliance', label: 'Collaborations', icon: 'handshake' },
  },
  {
    path: '/compliance/rules',
    title: 'Consent rules',
    need: [['create', 'ConsentRule']],
    render: () => <RulesScreen />,
    nav: { group: 'Compliance', label: 'Consent rules', icon: 'shield' },
  },
  {
    path: '/compliance/notices',
    title: 'Notices',
    need: [['create', 'Notice']],
    render: () => <NoticesScreen />,
    nav: { group: 'Compliance', label: 'Notices', icon: 'file' },
  },
  {
    path: '/compliance/consent',
    title: 'Consent statistics',
    need: [
      ['create', 'ConsentRule'],
      ['read', 'Publication'],
    ],
    render: () => <ConsentStatsScreen />,
    nav: { group: 'Compliance', label: 'Consent statistics', icon: 'pie' },
  },
  {
    path: '/compliance/privacy',
    title: 'Privacy requests',
    need: [['erase', 'Customer']],
    render: () => <PrivacyScreen />,
    nav: { group: 'Compliance', label: 'Privacy requests', icon: 'userX' },
  },
  {
    path: '/compliance/partner-requests',
    title: 'Partner requests',
    need: [['read', 'PartnerAudit']],
    render: () => <PartnerRequestsScreen />,
    nav: { group: 'Compliance', label: 'Partner requests', icon: 'handshake' },
  },
  {
    path: '/compliance/audit',
    title: 'Audit log',
    need: [['read', 'AuditLog']],
    render: () => <AuditScreen />,
    nav: { group: 'Compliance', label: 'Audit log', icon: 'scroll' },
  },
  // Administrator.
  {
    path: '/admin/health',
    title: 'Node health',
    need: [['read', 'Credential']],
    render: () => <HealthScreen />,
    nav: { group: 'Node', label: 'Node health', icon: 'activity' },
  },
  {
    path: '/admin/imports',
    title: 'Imports',
    need: [['create', 'Import']],
    render: () => <ImportsScreen />,
    nav: { group: 'Node', label: 'Imports', icon: 'upload' },
  },
  {
    path: '/admin/duplicates',
    title: 'Duplicates',
    need: [['update', 'Customer']],
    render: () => <DuplicatesScreen />,
    nav: { group: 'Node', label: 'Duplicates', icon: 'users' },
  },
  {
    path: '/admin/users',
    title: 'Users and roles',
    need: [['read', 'User']],
    render: () => <UsersScreen />,
    nav: { group: 'Node', label: 'Users', icon: 'userCog' },
  },
  {
    path: '/admin/credentials',
    title: 'Credentials and keys',
    need: [['read', 'Credential']],
    render: () => <CredentialsScreen />,
    nav: { group: 'Node', label: 'Credentials and keys', icon: 'key' },
  },
  // Every role.
  {
    path: '/account/tokens',
    title: 'My API tokens',
    need: [['create', 'ApiToken']],
    render: () => <MyTokensScreen />,
    nav: { group: 'Account', label: 'My API tokens', icon: 'lock' },
  },
];

export function Routes() {
  const { path } = useLocation();
  const ability = useAppAbility();
  const { user } = useSession();
  // Each role starts where its work is; fall back to the first screen the rules allow.
  const home =
    ROUTES.find((r) => r.path === HOME_BY_ROLE[user.role] && allows(ability, r.need)) ??
    ROUTES.find((r) => r.nav && allows(ability, r.need));

  useEffect(() => {
    if (path === '/' && home) navigate(home.path, { replace: true });
  }, [path, home]);

  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    if (!allows(ability, route.need)) return <Forbidden title={route.title} />;
    return (
      <Titled title={route.title}>
        <Suspense fallback={<Loading rows={6} />}>{route.render(params)}</Suspense>
      </Titled>
    );
  }
  if (path === '/') return home ? <Loading /> : <NotFound />;
  return <NotFound />;
}

function Titled({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Concord`;
  }, [title]);
  return <>{children}</>;
}
