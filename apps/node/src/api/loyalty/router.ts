// loyalty.*: programme rules, the schedule (earn, expire, re-tier), overview and one member's history.
import { router } from '../trpc.ts';
import { programme } from './get-programme.ts';
import { member } from './member.ts';
import { overview } from './overview.ts';
import { runSchedule } from './run-schedule.ts';
import { setProgramme } from './set-programme.ts';

export const loyaltyRouter = router({ programme, setProgramme, runSchedule, overview, member });
