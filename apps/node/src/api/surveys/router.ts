// surveys.*: definitions, responses entered by hand, NPS/CSAT figures and verbatim search.
import { router } from '../trpc.ts';
import { create } from './create-survey.ts';
import { csat } from './csat.ts';
import { customerScores } from './customer-scores.ts';
import { list } from './list-surveys.ts';
import { nps } from './nps.ts';
import { respond } from './respond.ts';
import { search } from './search-verbatims.ts';

export const surveysRouter = router({ create, list, respond, nps, csat, search, customerScores });
