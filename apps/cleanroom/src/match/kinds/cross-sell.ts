// Cross-sell list: the requester's own members that match any partner publication, delivered to the requester.
import { randomUUID } from 'node:crypto';
import { ConcordError } from '@concord/protocol/errors';
import { iso } from '../../lib/encoding.ts';
import { deliverList, insertList } from '../deliver.ts';
import type { KindHandler } from './types.ts';

export const crossSellList: KindHandler<'cross_sell_list'> = {
  releasesMembers: true,
  async run({ trx, now, collab, requester, req, mine, partners, bit, kMin, matchId, listExpiry, pool }) {
    const listId = randomUUID();
    const size = await deliverList(trx, listId, mine, partners, bit, pool);
    if (size < kMin) {
      throw new ConcordError('BELOW_THRESHOLD', 'the list would be smaller than kMin', {
        reason: 'below_k_min',
        kMin,
      });
    }
    await insertList(trx, {
      id: listId,
      matchId,
      collaborationId: collab.row.id,
      kind: 'cross_sell',
      receiver: mine,
      requesterId: requester.id,
      counterparts: partners,
      purpose: req.purpose,
      offer: null,
      size,
      now,
      expiresAt: listExpiry,
    });
    return {
      body: { list: { listId, size, expiresAt: iso(listExpiry) } },
      epsilonCharged: 0,
      listIds: [listId],
      referralsDelivered: [],
    };
  },
  async fromCache(prior) {
    return prior;
  },
};
