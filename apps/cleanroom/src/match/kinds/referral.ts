// Referral lists: each partner receives its own members that match the requester's publication, with the offer.
import { randomUUID } from 'node:crypto';
import { deliverList, discardList, insertList } from '../deliver.ts';
import type { KindHandler, KindRun } from './types.ts';

export const referralList: KindHandler<'referral_list'> = {
  releasesMembers: true,
  async run({ trx, now, collab, requester, req, mine, partners, bit, kMin, matchId, listExpiry, pool }) {
    const referrals: KindRun<'referral_list'>['body']['referrals'] = [];
    const offer = req.offer ? { title: req.offer.title, description: req.offer.description ?? '' } : null;
    for (const p of partners) {
      const listId = randomUUID();
      const size = await deliverList(trx, listId, p, [mine], bit, pool);
      // Below kMin nothing is delivered to that partner, and nothing of the attempt is kept.
      const delivered = size >= kMin;
      if (delivered) {
        await insertList(trx, {
          id: listId,
          matchId,
          collaborationId: collab.row.id,
          kind: 'referral',
          receiver: p,
          requesterId: requester.id,
          counterparts: [mine],
          purpose: req.purpose,
          offer,
          size,
          now,
          expiresAt: listExpiry,
        });
      } else {
        await discardList(trx, listId);
      }
      referrals.push({ partnerPublicationId: p.publicationId, partnerId: p.ownerId, delivered });
    }
    return {
      body: { referrals },
      epsilonCharged: 0,
      listIds: [],
      referralsDelivered: referrals.filter((r) => r.delivered).map((r) => r.partnerId),
    };
  },
  async fromCache(prior) {
    return prior;
  },
};
