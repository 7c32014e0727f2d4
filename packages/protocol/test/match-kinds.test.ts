// kindAllowed is the one rule for which answers a collaboration's policy permits; each policy switch flips
// exactly its kind, and an answer narrows to the kind asked for.
import { describe, expect, it } from 'vitest';
import {
  allowedKinds,
  kindAllowed,
  kindOfCliAlias,
  MATCH_KIND_INFO,
  MatchKind,
  outputOfKind,
  payloadOf,
  RequestMatchOutput,
} from '../src/contract/matches.ts';

const none = { crossSellLists: false, referralLists: false };
const base = {
  matchId: '00000000-0000-4000-8000-000000000001',
  cached: false,
  kMin: 5,
  dataVersion: 'v.0',
  createdAt: '2026-11-30T12:00:00.000Z',
};

describe('match kinds', () => {
  it('insight is always allowed; each list switch allows exactly its kind', () => {
    expect(allowedKinds(none)).toEqual(['insight']);
    expect(allowedKinds({ ...none, crossSellLists: true })).toEqual(['insight', 'cross_sell_list']);
    expect(allowedKinds({ ...none, referralLists: true })).toEqual(['insight', 'referral_list']);
    for (const kind of MatchKind.options) {
      expect(kindAllowed({ crossSellLists: true, referralLists: true }, kind)).toBe(true);
    }
    expect(kindAllowed(none, 'cross_sell_list')).toBe(false);
    expect(kindAllowed(none, 'referral_list')).toBe(false);
  });

  it('parses one answer per kind and narrows to the kind asked for', () => {
    const list = RequestMatchOutput.parse({
      ...base,
      kind: 'cross_sell_list',
      list: { listId: base.matchId, size: 7, expiresAt: base.createdAt },
      // An answer cached before kinds were a union carried the other kinds as nulls: still readable.
      insight: null,
      referrals: null,
    });
    expect(outputOfKind(list, 'cross_sell_list').list.size).toBe(7);
    expect(() => outputOfKind(list, 'insight')).toThrow(
      'expected an answer of kind insight, got cross_sell_list',
    );
    expect(RequestMatchOutput.safeParse({ ...base, kind: 'insight', list: null }).success).toBe(false);
  });

  it('the registry describes every kind: a label, a unique CLI alias, and the payload field its answer carries', () => {
    expect(Object.keys(MATCH_KIND_INFO).sort()).toEqual([...MatchKind.options].sort());
    const aliases = MatchKind.options.map((k) => MATCH_KIND_INFO[k].cliAlias);
    expect(new Set(aliases).size).toBe(aliases.length);
    const labels = MatchKind.options.map((k) => MATCH_KIND_INFO[k].label);
    expect(new Set(labels).size).toBe(labels.length);
    for (const kind of MatchKind.options) {
      expect(kindOfCliAlias(MATCH_KIND_INFO[kind].cliAlias)).toBe(kind);
      // The payload named in the registry is a field of this kind's member of the answer union.
      const member = RequestMatchOutput.options.find((o) => o.shape.kind.value === kind);
      expect(Object.keys(member?.shape ?? {})).toContain(MATCH_KIND_INFO[kind].payload);
    }
    expect(kindOfCliAlias('cross_sell_list')).toBeUndefined();
    expect(MatchKind.options.filter((k) => MATCH_KIND_INFO[k].takesOffer)).toEqual(['referral_list']);
  });

  it('payloadOf reads the registered payload field of any answer', () => {
    const referrals = [{ partnerPublicationId: base.matchId, partnerId: base.matchId, delivered: true }];
    const out = RequestMatchOutput.parse({ ...base, kind: 'referral_list', referrals });
    expect(payloadOf(out)).toEqual(referrals);
  });
});
