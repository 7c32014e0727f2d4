// Every clean room migration, in name (timestamp) order. Add new files here.
import type { Migrations } from '@concord/db';
import * as m1122_0000 from './2026_11_22_0000_meta.ts';
import * as m1122_0100 from './2026_11_22_0100_cleanroom.ts';
import * as m1122_0110 from './2026_11_22_0110_token_keys.ts';
import * as m1130_1100 from './2026_11_30_1100_purge_issued_secrets.ts';
import * as m1130_1101 from './2026_11_30_1101_officer_labels.ts';
import * as m1130_1300 from './2026_11_30_1300_list_provenance.ts';
import * as m1130_1800 from './2026_11_30_1800_measurements.ts';
import * as m1201_0201 from './2026_12_01_0201_invitations.ts';
import * as m1201_0301 from './2026_12_01_0301_operator_sessions.ts';
import * as m1201_0701 from './2026_12_01_0701_engine_runs.ts';
import * as m1201_1001 from './2026_12_01_1001_engine_parts_unlogged.ts';
import * as m1202_0100 from './2026_12_02_0100_list_blocks.ts';

export const migrations: Migrations = {
  '2026_11_22_0000_meta': m1122_0000,
  '2026_11_22_0100_cleanroom': m1122_0100,
  '2026_11_22_0110_token_keys': m1122_0110,
  '2026_11_30_1100_purge_issued_secrets': m1130_1100,
  '2026_11_30_1101_officer_labels': m1130_1101,
  '2026_11_30_1300_list_provenance': m1130_1300,
  '2026_11_30_1800_measurements': m1130_1800,
  '2026_12_01_0201_invitations': m1201_0201,
  '2026_12_01_0301_operator_sessions': m1201_0301,
  '2026_12_01_0701_engine_runs': m1201_0701,
  '2026_12_01_1001_engine_parts_unlogged': m1201_1001,
  '2026_12_02_0100_list_blocks': m1202_0100,
};
