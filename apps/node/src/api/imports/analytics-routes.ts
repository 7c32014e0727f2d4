// The upload routes of the analytical data: demographics, survey responses, loyalty events.
import type { Route } from '@concord/service';
import { DEMOGRAPHICS_CSV } from '../../crm/demographics/import-format.ts';
import { type AnalyticsImportRouteDeps, analyticsImportRoute } from './analytics-upload-route.ts';

export function analyticsImportRoutes(deps: AnalyticsImportRouteDeps): Route[] {
  return [analyticsImportRoute('demographics', 'Demographics', DEMOGRAPHICS_CSV, deps)];
}
