// Profile lookup by name.
import type { ProfileName } from '../types.ts';
import { concordV1 } from './concord-v1.ts';
import { google } from './google.ts';
import { meta } from './meta.ts';
import type { Profile } from './profile.ts';
import { uid2 } from './uid2.ts';

export const PROFILES: Readonly<Record<ProfileName, Profile>> = {
  uid2,
  google,
  meta,
  'concord-v1': concordV1,
};
