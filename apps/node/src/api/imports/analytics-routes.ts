// The upload routes of the analytical data: demographics, survey responses, loyalty events.
import type { Route } from '@concord/service';
import { DEMOGRAPHICS_CSV } from '../../crm/demographics/import-format.ts';
import { LOYALTY_EVENTS_CSV } from '../../crm/loyalty/import-format.ts';
import { SURVEY_RESPONSES_CSV } from '../../crm/surveys/import-format.ts';
import { type AnalyticsImportRouteDeps, analyticsImportRoute } from './analytics-upload-route.ts';

export function analyticsImportRoutes(deps: AnalyticsImportRouteDeps): Route[] {
  return [
    analyticsImportRoute('demographics', 'Demographics', DEMOGRAPHICS_CSV, deps),
    analyticsImportRoute('survey_responses', 'Survey', SURVEY_RESPONSES_CSV, deps),
    analyticsImportRoute('loyalty_events', 'Loyalty', LOYALTY_EVENTS_CSV, deps),
  ];
}
