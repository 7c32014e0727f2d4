// The node's test kit: what other workspaces' tests (the console's browser journeys) may use to start and seed a
// node. Exported as `@concord/node/testing` so no test reaches into another app by a relative path
// (test/architecture/no-cross-app-imports.test.ts enforces that).
export { appRouter } from '../src/api/router.ts';
export { createApiToken } from '../src/auth/api-tokens.ts';
export { createUser } from '../src/auth/users.ts';
export { setAnalyticsPolicy } from '../src/crm/analytics/policy.ts';
export { upsertCustomers } from '../src/crm/customers/upsert-customers.ts';
export { upsertDemographics } from '../src/crm/demographics/demographics.ts';
export { flagDuplicates } from '../src/crm/duplicates/flag.ts';
export { upsertInteractions } from '../src/crm/history/upsert-interactions.ts';
export { upsertPurchases } from '../src/crm/history/upsert-purchases.ts';
export { enrol, recordLoyaltyEvents } from '../src/crm/loyalty/members.ts';
export { setProgramme } from '../src/crm/loyalty/programme.ts';
export { runLoyaltySchedule } from '../src/crm/loyalty/schedule.ts';
export { createSegment } from '../src/crm/segments/segments.ts';
export { recordResponses } from '../src/crm/surveys/answers.ts';
export { createSurvey } from '../src/crm/surveys/surveys.ts';
export { NodeConfig } from '../src/env.ts';
export { type NodeService, startNode } from '../src/server.ts';
export { bankPeople, insurerPeople, PURPOSE_CROSS_SELL } from './federation/fixtures.ts';
export {
  type RunningCleanroom,
  startCleanroomProcess,
  startTestNode,
  type TestNode,
} from './federation/harness.ts';
export { type Person, seedNode } from './federation/seed.ts';
export { ACME_RETAIL, loyaltyProgramme } from './shared-fixtures.ts';
export { type ShopNode, startShopNode } from './shop-node.ts';
export { userWithToken } from './user-with-token.ts';
