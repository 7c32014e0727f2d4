// The console's match screen takes its kinds from the protocol registry: the radio list is MatchKind in order with
// MATCH_KIND_INFO's labels, and a kind's payload renders in words (humanized field names), never as raw JSON.
import { MATCH_KIND_INFO, MatchKind, RequestMatchOutput } from '@concord/protocol/contract/matches';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { KindField } from '../src/screens/marketer/match-kind-field.tsx';
import { PayloadView } from '../src/screens/marketer/match-result.tsx';

const ID = '00000000-0000-4000-8000-000000000001';
const text = (html: string) => html.replace(/<[^>]+>/g, '|').replace(/\|+/g, '|');

describe('match kinds in the console', () => {
  it('lists every registered kind with its label, disabling the ones the policy refuses', () => {
    const html = renderToStaticMarkup(
      createElement(KindField, { kind: 'insight', kinds: ['insight'], onChange: () => {} }),
    );
    const labels = [...html.matchAll(/type="radio"[^>]*\/?>([^<]+)/g)].map((m) => m[1]);
    expect(labels).toEqual(MatchKind.options.map((k) => MATCH_KIND_INFO[k].label));
    expect(html.match(/disabled=""/g)).toHaveLength(MatchKind.options.length - 1);
  });

  it('renders a payload generically: field names in words, values formatted, no JSON', () => {
    const report = RequestMatchOutput.parse({
      matchId: ID,
      cached: false,
      kMin: 5,
      dataVersion: 'v.0',
      createdAt: '2026-11-30T12:00:00.000Z',
      kind: 'referral_list',
      referrals: [{ partnerPublicationId: ID, partnerId: ID, delivered: true }],
    });
    const shown = text(renderToStaticMarkup(createElement(PayloadView, { report })));
    expect(shown).toContain('|Referral list|');
    expect(shown).toContain(`|Partner Publication Id|${ID}|`);
    expect(shown).toContain('|Delivered|yes|');
    expect(shown).not.toMatch(/[{"]/);
  });
});
