// The node's matches.request takes its kinds from the protocol (MatchKind), so a kind registered there needs no
// node change to be accepted; anything else is refused at the boundary.
import { MatchKind } from '@concord/protocol/contract/matches';
import { describe, expect, it } from 'vitest';
import { RequestMatchInput } from '../src/api/matches/request-match.schema.ts';

const ID = '00000000-0000-4000-8000-000000000001';
const input = (kind: string) => ({
  collaborationId: ID,
  kind,
  purpose: 'marketing.x',
  publicationId: ID,
  partnerPublicationIds: [ID],
});

describe('match kinds at the node', () => {
  it('accepts exactly the protocol kinds', () => {
    expect(RequestMatchInput.shape.kind.options).toEqual(MatchKind.options);
    for (const kind of MatchKind.options) expect(RequestMatchInput.safeParse(input(kind)).success).toBe(true);
    const refused = RequestMatchInput.safeParse(input('cross-sell'));
    expect(refused.error?.issues[0]?.code).toBe('invalid_value');
  });
});
