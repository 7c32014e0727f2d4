// Every clean room migration, in name (timestamp) order. Add new files here.
import type { Migrations } from '@concord/db';
import * as m0000 from './2026_11_22_0000_meta.ts';
import * as m0100 from './2026_11_22_0100_cleanroom.ts';
import * as m0110 from './2026_11_22_0110_token_keys.ts';
import * as m1600 from './2026_11_30_1600_invitations.ts';

export const migrations: Migrations = {
  '2026_11_22_0000_meta': m0000,
  '2026_11_22_0100_cleanroom': m0100,
  '2026_11_22_0110_token_keys': m0110,
  '2026_11_30_1600_invitations': m1600,
};
