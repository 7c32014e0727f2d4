// search.global: one search box across customers, segments, lists, collaborations and campaigns. Signed-in users
// only; each kind is searched only if the caller's CASL ability may read it, so nobody finds what they cannot open.
import type { AppAbility, Subject } from '@concord/access';
import { z } from 'zod';
import { globalSearch, SEARCH_KINDS, type SearchKind } from '../../crm/search/global-search.ts';
import { authedProcedure } from '../trpc.ts';

export const GlobalSearchInput = z.object({
  q: z.string().max(200, 'Keep the search under 200 characters'),
  limit: z.number().int().min(1).max(20).default(5),
});

const SUBJECT: Record<SearchKind, Subject> = {
  customer: 'Customer',
  segment: 'Segment',
  list: 'AudienceList',
  collaboration: 'Collaboration',
  campaign: 'Campaign',
};

export function searchableKinds(ability: AppAbility): SearchKind[] {
  return SEARCH_KINDS.filter((k) => ability.can('read', SUBJECT[k]));
}

export const globalSearchProcedure = authedProcedure.input(GlobalSearchInput).query(({ ctx, input }) =>
  globalSearch(ctx.db, input.q, searchableKinds(ctx.ability), {
    limit: input.limit,
    defaultRegion: ctx.config.defaultRegion,
  }),
);
