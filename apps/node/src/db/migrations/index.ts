// Every node migration, in name (timestamp) order. Add new files here.
import type { Migrations } from '@concord/db';
import * as m0000 from './2026_11_22_0000_meta.ts';
import * as m1000 from './2026_11_22_1000_crm.ts';
import * as m2000 from './2026_11_22_2000_auth.ts';
import * as m2100 from './2026_11_22_2100_consent.ts';
import * as m2200 from './2026_11_22_2200_audit.ts';
import * as m3000 from './2026_11_22_3000_collab.ts';
import * as m3001 from './2026_11_22_3001_audience_status.ts';
import * as m1400 from './2026_11_30_1400_separation_of_duties.ts';
import * as m1401 from './2026_11_30_1401_privacy_requests.ts';

export const migrations: Migrations = {
  '2026_11_22_0000_meta': m0000,
  '2026_11_22_1000_crm': m1000,
  '2026_11_22_2000_auth': m2000,
  '2026_11_22_2100_consent': m2100,
  '2026_11_22_2200_audit': m2200,
  '2026_11_22_3000_collab': m3000,
  '2026_11_22_3001_audience_status': m3001,
  '2026_11_30_1400_separation_of_duties': m1400,
  '2026_11_30_1401_privacy_requests': m1401,
};
