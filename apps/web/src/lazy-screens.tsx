// The console's screens, each loaded on first visit, so signing in downloads only the shell and the login form.
import { type ComponentType, lazy } from 'react';

/** `lazy` for a module's named export (React.lazy only takes default exports). */
function lazyScreen<M extends Record<K, ComponentType<any>>, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
) {
  return lazy<M[K]>(() => load().then((m) => ({ default: m[name] })));
}

export const CredentialsScreen = lazyScreen(
  () => import('./screens/admin/credentials.tsx'),
  'CredentialsScreen',
);
export const DuplicatesScreen = lazyScreen(
  () => import('./screens/admin/duplicates.tsx'),
  'DuplicatesScreen',
);
export const HealthScreen = lazyScreen(() => import('./screens/admin/health.tsx'), 'HealthScreen');
export const ImportsScreen = lazyScreen(() => import('./screens/admin/imports.tsx'), 'ImportsScreen');
export const UsersScreen = lazyScreen(() => import('./screens/admin/users.tsx'), 'UsersScreen');
export const AuditScreen = lazyScreen(() => import('./screens/compliance/audit.tsx'), 'AuditScreen');
export const CollaborationsScreen = lazyScreen(
  () => import('./screens/compliance/collaborations.tsx'),
  'CollaborationsScreen',
);
export const ConsentStatsScreen = lazyScreen(
  () => import('./screens/compliance/consent-stats.tsx'),
  'ConsentStatsScreen',
);
export const NoticesScreen = lazyScreen(() => import('./screens/compliance/notices.tsx'), 'NoticesScreen');
export const PartnerRequestsScreen = lazyScreen(
  () => import('./screens/compliance/partner-requests.tsx'),
  'PartnerRequestsScreen',
);
export const PrivacyScreen = lazyScreen(() => import('./screens/compliance/privacy.tsx'), 'PrivacyScreen');
export const MyTokensScreen = lazyScreen(() => import('./screens/shared/my-tokens.tsx'), 'MyTokensScreen');
export const MyAccountScreen = lazyScreen(() => import('./screens/shared/my-account.tsx'), 'MyAccountScreen');
export const RulesScreen = lazyScreen(() => import('./screens/compliance/rules.tsx'), 'RulesScreen');
export const AnalyticsScreen = lazyScreen(
  () => import('./screens/marketer/analytics.tsx'),
  'AnalyticsScreen',
);
export const CrossTabScreen = lazyScreen(() => import('./screens/analytics/cross-tab.tsx'), 'CrossTabScreen');
export const SurveysScreen = lazyScreen(() => import('./screens/analytics/surveys.tsx'), 'SurveysScreen');
export const LoyaltyScreen = lazyScreen(() => import('./screens/analytics/loyalty.tsx'), 'LoyaltyScreen');
export const ValueScreen = lazyScreen(() => import('./screens/analytics/value.tsx'), 'ValueScreen');
export const CatalogueScreen = lazyScreen(
  () => import('./screens/marketer/catalogue.tsx'),
  'CatalogueScreen',
);
export const CustomerScreen = lazyScreen(() => import('./screens/marketer/customer.tsx'), 'CustomerScreen');
export const CustomersScreen = lazyScreen(
  () => import('./screens/marketer/customers.tsx'),
  'CustomersScreen',
);
export const ListScreen = lazyScreen(() => import('./screens/marketer/lists.tsx'), 'ListScreen');
export const ListsScreen = lazyScreen(() => import('./screens/marketer/lists.tsx'), 'ListsScreen');
export const MatchesScreen = lazyScreen(() => import('./screens/marketer/matches.tsx'), 'MatchesScreen');
export const CampaignsScreen = lazyScreen(
  () => import('./screens/marketer/campaigns.tsx'),
  'CampaignsScreen',
);
export const CampaignScreen = lazyScreen(() => import('./screens/marketer/campaign.tsx'), 'CampaignScreen');
export const DealsScreen = lazyScreen(() => import('./screens/marketer/deals.tsx'), 'DealsScreen');
export const CollaborationResultsScreen = lazyScreen(
  () => import('./screens/marketer/partner-results.tsx'),
  'CollaborationResultsScreen',
);
export const SegmentBuilderScreen = lazyScreen(
  () => import('./screens/marketer/segment-builder.tsx'),
  'SegmentBuilderScreen',
);
export const ServiceDeskScreen = lazyScreen(
  () => import('./screens/records/service-desk.tsx'),
  'ServiceDeskScreen',
);
export const SegmentsScreen = lazyScreen(() => import('./screens/marketer/segments.tsx'), 'SegmentsScreen');
