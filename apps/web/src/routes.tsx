// Every screen with the CASL permission it needs; navigation and route guards are both derived from this table.
import { allows, useAppAbility } from './ability.tsx';
import * as Screens from './lazy-screens.tsx';
import { type RouteDef as GenericRouteDef, RouteSwitch } from './route-switch.tsx';
import { useSession } from './session.tsx';

const HOME_BY_ROLE: Record<string, string> = {
  marketer: '/customers',
  compliance: '/compliance/collaborations',
  admin: '/admin/health',
};

export const NAV_GROUPS = ['Customers', 'Collaboration', 'Compliance', 'Node', 'Account'] as const;

export type RouteDef = GenericRouteDef<(typeof NAV_GROUPS)[number]>;

export const ROUTES: RouteDef[] = [
  // Marketer (and read-only for compliance where the rules allow).
  {
    path: '/customers',
    title: 'Customers',
    // Admins too: they fix invalid identifiers on the customer screen (master data upkeep).
    need: [['read', 'Customer']],
    render: () => <Screens.CustomersScreen />,
    nav: { group: 'Customers', label: 'Customers', icon: 'users' },
  },
  {
    path: '/customers/:id',
    title: 'Customer',
    need: [['read', 'Customer']],
    render: (p) => <Screens.CustomerScreen id={p.id!} />,
  },
  {
    path: '/customers/:id/service',
    title: 'Service desk',
    need: [
      ['read', 'Customer'],
      ['read', 'Interaction'],
    ],
    render: (p) => <Screens.ServiceDeskScreen id={p.id!} />,
  },
  {
    path: '/segments',
    title: 'Segments',
    need: [['create', 'Segment']],
    render: () => <Screens.SegmentsScreen />,
    nav: { group: 'Customers', label: 'Segments', icon: 'layers' },
  },
  {
    path: '/segments/new',
    title: 'New segment',
    need: [['create', 'Segment']],
    render: () => <Screens.SegmentBuilderScreen />,
  },
  {
    path: '/segments/:id',
    title: 'Segment',
    need: [['create', 'Segment']],
    render: (p) => <Screens.SegmentBuilderScreen id={p.id!} />,
  },
  {
    path: '/analytics',
    title: 'Analytics',
    need: [['read', 'Analytics']],
    render: () => <Screens.AnalyticsScreen />,
    nav: { group: 'Customers', label: 'Analytics', icon: 'chart' },
  },
  {
    path: '/analytics/cross-tab',
    title: 'Purchases × anything',
    need: [['read', 'Analytics']],
    render: () => <Screens.CrossTabScreen />,
    nav: { group: 'Customers', label: 'Cross-tabs', icon: 'grid' },
  },
  {
    path: '/analytics/surveys',
    title: 'Surveys',
    need: [['read', 'Survey']],
    render: () => <Screens.SurveysScreen />,
    nav: { group: 'Customers', label: 'Surveys', icon: 'checkCircle' },
  },
  {
    path: '/analytics/loyalty',
    title: 'Loyalty programme',
    need: [['read', 'Loyalty']],
    render: () => <Screens.LoyaltyScreen />,
    nav: { group: 'Customers', label: 'Loyalty', icon: 'activity' },
  },
  {
    path: '/analytics/value',
    title: 'Customer value',
    need: [['read', 'Analytics']],
    render: () => <Screens.ValueScreen />,
    nav: { group: 'Customers', label: 'Customer value', icon: 'pie' },
  },
  {
    path: '/catalogue',
    title: 'Partner catalogue',
    need: [['request', 'Match']],
    render: () => <Screens.CatalogueScreen />,
    nav: { group: 'Collaboration', label: 'Partner catalogue', icon: 'grid' },
  },
  {
    path: '/matches',
    title: 'Match with partners',
    need: [['request', 'Match']],
    render: () => <Screens.MatchesScreen />,
    nav: { group: 'Collaboration', label: 'Matches', icon: 'venn' },
  },
  {
    path: '/lists',
    title: 'Audience lists',
    need: [['export', 'AudienceList']],
    render: () => <Screens.ListsScreen />,
    nav: { group: 'Collaboration', label: 'Audience lists', icon: 'list' },
  },
  {
    path: '/lists/:id',
    title: 'Audience list',
    need: [['export', 'AudienceList']],
    render: (p) => <Screens.ListScreen id={p.id!} />,
  },
  // Campaigns, deals and collaboration results (docs/campaigns.md).
  {
    path: '/campaigns',
    title: 'Campaigns',
    need: [['create', 'Campaign']],
    render: () => <Screens.CampaignsScreen />,
    nav: { group: 'Customers', label: 'Campaigns', icon: 'chart' },
  },
  {
    path: '/campaigns/:id',
    title: 'Campaign',
    need: [['read', 'Campaign']],
    render: (p) => <Screens.CampaignScreen id={p.id!} />,
  },
  {
    path: '/deals',
    title: 'Deals',
    need: [['read', 'Deal']],
    render: () => <Screens.DealsScreen />,
    nav: { group: 'Customers', label: 'Deals', icon: 'handshake' },
  },
  {
    path: '/collaboration-results',
    title: 'Collaboration results',
    need: [
      ['read', 'Campaign'],
      ['read', 'Collaboration'],
    ],
    render: () => <Screens.CollaborationResultsScreen />,
    nav: { group: 'Collaboration', label: 'Results', icon: 'pie' },
  },
  // Compliance officer.
  {
    path: '/compliance/collaborations',
    title: 'Collaborations',
    need: [['approve', 'Collaboration']],
    render: () => <Screens.CollaborationsScreen />,
    nav: { group: 'Compliance', label: 'Collaborations', icon: 'handshake' },
  },
  {
    path: '/compliance/rules',
    title: 'Consent rules',
    need: [['create', 'ConsentRule']],
    render: () => <Screens.RulesScreen />,
    nav: { group: 'Compliance', label: 'Consent rules', icon: 'shield' },
  },
  {
    path: '/compliance/notices',
    title: 'Notices',
    need: [['create', 'Notice']],
    render: () => <Screens.NoticesScreen />,
    nav: { group: 'Compliance', label: 'Notices', icon: 'file' },
  },
  {
    path: '/compliance/consent',
    title: 'Consent statistics',
    need: [
      ['create', 'ConsentRule'],
      ['read', 'Publication'],
    ],
    render: () => <Screens.ConsentStatsScreen />,
    nav: { group: 'Compliance', label: 'Consent statistics', icon: 'pie' },
  },
  {
    path: '/compliance/privacy',
    title: 'Privacy requests',
    need: [['erase', 'Customer']],
    render: () => <Screens.PrivacyScreen />,
    nav: { group: 'Compliance', label: 'Privacy requests', icon: 'userX' },
  },
  {
    path: '/compliance/partner-requests',
    title: 'Partner requests',
    need: [['read', 'PartnerAudit']],
    render: () => <Screens.PartnerRequestsScreen />,
    nav: { group: 'Compliance', label: 'Partner requests', icon: 'handshake' },
  },
  {
    path: '/compliance/audit',
    title: 'Audit log',
    need: [['read', 'AuditLog']],
    render: () => <Screens.AuditScreen />,
    nav: { group: 'Compliance', label: 'Audit log', icon: 'scroll' },
  },
  // Administrator.
  {
    path: '/admin/health',
    title: 'Node health',
    need: [['read', 'Credential']],
    render: () => <Screens.HealthScreen />,
    nav: { group: 'Node', label: 'Node health', icon: 'activity' },
  },
  {
    path: '/admin/imports',
    title: 'Imports',
    need: [['create', 'Import']],
    render: () => <Screens.ImportsScreen />,
    nav: { group: 'Node', label: 'Imports', icon: 'upload' },
  },
  {
    path: '/admin/duplicates',
    title: 'Duplicates',
    need: [['update', 'Customer']],
    render: () => <Screens.DuplicatesScreen />,
    nav: { group: 'Node', label: 'Duplicates', icon: 'users' },
  },
  {
    path: '/admin/users',
    title: 'Users and roles',
    need: [['read', 'User']],
    render: () => <Screens.UsersScreen />,
    nav: { group: 'Node', label: 'Users', icon: 'userCog' },
  },
  {
    path: '/admin/credentials',
    title: 'Credentials and keys',
    need: [['read', 'Credential']],
    render: () => <Screens.CredentialsScreen />,
    nav: { group: 'Node', label: 'Credentials and keys', icon: 'key' },
  },
  // Every role.
  {
    path: '/account',
    title: 'My account',
    // Signed in is enough: auth.changePassword acts only on the caller's own password.
    need: [],
    render: () => <Screens.MyAccountScreen />,
    nav: { group: 'Account', label: 'My account', icon: 'userCog' },
  },
  {
    path: '/account/tokens',
    title: 'My API tokens',
    need: [['create', 'ApiToken']],
    render: () => <Screens.MyTokensScreen />,
    nav: { group: 'Account', label: 'My API tokens', icon: 'lock' },
  },
];

export function Routes() {
  const ability = useAppAbility();
  const { user } = useSession();
  // Each role starts where its work is; fall back to the first screen the rules allow.
  const home =
    ROUTES.find((r) => r.path === HOME_BY_ROLE[user.role] && allows(ability, r.need)) ??
    ROUTES.find((r) => r.nav && allows(ability, r.need));
  return <RouteSwitch routes={ROUTES} ability={ability} home={home} />;
}
