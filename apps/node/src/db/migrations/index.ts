// Every node migration, in name (timestamp) order. Add new files here.
import type { Migrations } from '@concord/db';
import * as m1122_0000 from './2026_11_22_0000_meta.ts';
import * as m1122_1000 from './2026_11_22_1000_crm.ts';
import * as m1122_2000 from './2026_11_22_2000_auth.ts';
import * as m1122_2100 from './2026_11_22_2100_consent.ts';
import * as m1122_2200 from './2026_11_22_2200_audit.ts';
import * as m1122_3000 from './2026_11_22_3000_collab.ts';
import * as m1122_3001 from './2026_11_22_3001_audience_status.ts';
import * as m1130_1100 from './2026_11_30_1100_import_interrupted.ts';
import * as m1130_1200 from './2026_11_30_1200_login_failure_source.ts';
import * as m1130_1300 from './2026_11_30_1300_consent_reach.ts';
import * as m1130_1500 from './2026_11_30_1500_customer_identifier.ts';
import * as m1130_1700 from './2026_11_30_1700_analytics.ts';
import * as m1130_1800 from './2026_11_30_1800_campaigns.ts';
import * as m1201_0101 from './2026_12_01_0101_separation_of_duties.ts';
import * as m1201_0102 from './2026_12_01_0102_privacy_requests.ts';
import * as m1201_0201 from './2026_12_01_0201_setup.ts';
import * as m1201_0401 from './2026_12_01_0401_customer_records.ts';
import * as m1201_0501 from './2026_12_01_0501_saved_views.ts';
import * as m1201_0801 from './2026_12_01_0801_analytics_changes.ts';
import * as m1201_0901 from './2026_12_01_0901_analytics_change_kinds.ts';

export const migrations: Migrations = {
  '2026_11_22_0000_meta': m1122_0000,
  '2026_11_22_1000_crm': m1122_1000,
  '2026_11_22_2000_auth': m1122_2000,
  '2026_11_22_2100_consent': m1122_2100,
  '2026_11_22_2200_audit': m1122_2200,
  '2026_11_22_3000_collab': m1122_3000,
  '2026_11_22_3001_audience_status': m1122_3001,
  '2026_11_30_1100_import_interrupted': m1130_1100,
  '2026_11_30_1200_login_failure_source': m1130_1200,
  '2026_11_30_1300_consent_reach': m1130_1300,
  '2026_11_30_1500_customer_identifier': m1130_1500,
  '2026_11_30_1700_analytics': m1130_1700,
  '2026_11_30_1800_campaigns': m1130_1800,
  '2026_12_01_0101_separation_of_duties': m1201_0101,
  '2026_12_01_0102_privacy_requests': m1201_0102,
  '2026_12_01_0201_setup': m1201_0201,
  '2026_12_01_0401_customer_records': m1201_0401,
  '2026_12_01_0501_saved_views': m1201_0501,
  '2026_12_01_0801_analytics_changes': m1201_0801,
  '2026_12_01_0901_analytics_change_kinds': m1201_0901,
};
