// The registry of command groups: add one line per group file in this folder.
import type { CommandGroup } from '../framework.ts';
import { analyticsGroup } from './analytics.ts';
import { apiGroup } from './api.ts';
import { auditGroup } from './audit.ts';
import { campaignsGroup } from './campaigns.ts';
import { cleanroomGroup } from './cleanroom.ts';
import { collaborationsGroup } from './collaborations.ts';
import { consentsGroup } from './consents.ts';
import { duplicatesGroup } from './duplicates.ts';
import { importGroup } from './import.ts';
import { listsGroup } from './lists.ts';
import { matchGroup } from './match.ts';
import { nodeGroup } from './node.ts';
import { privacyGroup } from './privacy.ts';
import { publishGroup } from './publish.ts';
import { rulesGroup } from './rules.ts';
import { segmentsGroup } from './segments.ts';
import { setupGroup } from './setup.ts';
import { usersGroup } from './users.ts';

export const GROUPS: CommandGroup[] = [
  setupGroup,
  nodeGroup,
  importGroup,
  consentsGroup,
  auditGroup,
  privacyGroup,
  usersGroup,
  rulesGroup,
  segmentsGroup,
  collaborationsGroup,
  publishGroup,
  matchGroup,
  listsGroup,
  duplicatesGroup,
  cleanroomGroup,
  campaignsGroup,
  analyticsGroup,
  apiGroup,
];
