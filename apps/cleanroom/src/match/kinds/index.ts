// Every match-output kind and its handler. Adding a kind: a member of RequestMatchOutput and of ALLOWED_BY in
// @concord/protocol/contract/matches, a module here, and one line below (docs/architecture.md, "How to extend").
import type { MatchKind } from '@concord/protocol/contract/matches';
import { crossSellList } from './cross-sell.ts';
import { insight } from './insight.ts';
import { referralList } from './referral.ts';
import type { KindHandler } from './types.ts';

export const HANDLERS: { [K in MatchKind]: KindHandler<K> } = {
  insight,
  cross_sell_list: crossSellList,
  referral_list: referralList,
};
