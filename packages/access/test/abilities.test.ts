import { describe, expect, it } from 'vitest';
import { abilityFromPackedRules, defineAbilityFor, packedRulesFor } from '../src/abilities.ts';

describe('abilities', () => {
  it('round-trips through the packed rules the console receives', () => {
    const user = { id: 'u-1', role: 'marketer' as const };
    const server = defineAbilityFor(user);
    const console = abilityFromPackedRules(JSON.parse(JSON.stringify(packedRulesFor(user))));
    for (const [action, subj] of [
      ['publish', 'Publication'],
      ['update', 'Consent'],
      ['create', 'Consent'],
      ['verify', 'AuditLog'],
      ['read', 'FollowUp'],
    ] as const) {
      expect(console.can(action, subj)).toBe(server.can(action, subj));
    }
  });

  it('limits a marketer to their own follow-ups and keeps erasure with compliance', () => {
    const mia = defineAbilityFor({ id: 'u-1', role: 'marketer' });
    // What CASL's subject('FollowUp', …) helper produces, spelled out to fit AppAbility's Record subject type.
    const followUp = (ownerId: string): Record<string, unknown> => ({
      __caslSubjectType__: 'FollowUp',
      ownerId,
    });
    expect(mia.can('update', followUp('u-1'))).toBe(true);
    expect(mia.can('update', followUp('u-2'))).toBe(false);
    expect(mia.can('erase', 'Customer')).toBe(false);
    expect(defineAbilityFor({ id: 'c', role: 'compliance' }).can('erase', 'Customer')).toBe(true);
    expect(defineAbilityFor({ id: 'a', role: 'admin' }).can('read', 'DataTrail')).toBe(false);
  });
});
