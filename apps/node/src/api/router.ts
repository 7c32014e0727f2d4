// The node's tRPC router: composes one procedure per file. The console imports only its type.
import { analyticsRouter } from './analytics/router.ts';
import { auditRouter } from './audit/router.ts';
import { authRouter } from './auth/router.ts';
import { campaignsRouter } from './campaigns/router.ts';
import { channelsRouter } from './channels/router.ts';
import { cleanroomRouter } from './cleanroom/router.ts';
import { collaborationsRouter } from './collaborations/router.ts';
import { consentRouter } from './consent/router.ts';
import { customersRouter } from './customers/router.ts';
import { dealsRouter } from './deals/router.ts';
import { demographicsRouter } from './demographics/router.ts';
import { duplicatesRouter } from './duplicates/router.ts';
import { followupsRouter } from './followups/router.ts';
import { importsRouter } from './imports/router.ts';
import { interactionsRouter } from './interactions/router.ts';
import { listsRouter } from './lists/router.ts';
import { loyaltyRouter } from './loyalty/router.ts';
import { matchesRouter } from './matches/router.ts';
import { noticesRouter } from './notices/router.ts';
import { privacyRouter } from './privacy/router.ts';
import { publicationsRouter } from './publications/router.ts';
import { rulesRouter } from './rules/router.ts';
import { searchRouter } from './search/router.ts';
import { segmentsRouter } from './segments/router.ts';
import { sensitiveRouter } from './sensitive/router.ts';
import { setupRouter } from './setup/router.ts';
import { surveysRouter } from './surveys/router.ts';
import { health } from './system/health.ts';
import { identity } from './system/identity.ts';
import { status } from './system/status.ts';
import { router } from './trpc.ts';
import { usersRouter } from './users/router.ts';
import { valueRouter } from './value/router.ts';
import { viewsRouter } from './views/router.ts';

export const appRouter = router({
  system: router({ health, identity, status }),
  customers: customersRouter,
  duplicates: duplicatesRouter,
  interactions: interactionsRouter,
  followups: followupsRouter,
  imports: importsRouter,
  segments: segmentsRouter,
  analytics: analyticsRouter,
  demographics: demographicsRouter,
  surveys: surveysRouter,
  loyalty: loyaltyRouter,
  value: valueRouter,
  sensitive: sensitiveRouter,
  auth: authRouter,
  setup: setupRouter,
  users: usersRouter,
  consent: consentRouter,
  rules: rulesRouter,
  notices: noticesRouter,
  audit: auditRouter,
  privacy: privacyRouter,
  cleanroom: cleanroomRouter,
  collaborations: collaborationsRouter,
  publications: publicationsRouter,
  matches: matchesRouter,
  lists: listsRouter,
  campaigns: campaignsRouter,
  channels: channelsRouter,
  deals: dealsRouter,
  views: viewsRouter,
  search: searchRouter,
});

export type AppRouter = typeof appRouter;
