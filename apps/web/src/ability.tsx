// The signed-in user's CASL ability (rebuilt from the rules the server sent) and a typed <Can>.

import { AbilityProvider, useAbility } from '@casl/react';
import { type Action, type AppAbility, abilityFromPackedRules, type Subject } from '@concord/access';
import type { ReactNode } from 'react';

export type Need = readonly [Action, Subject];

export const abilityFromPacked = abilityFromPackedRules;

export { AbilityProvider };

export function useAppAbility(): AppAbility {
  return useAbility<AppAbility>();
}

export function allows(ability: AppAbility, needs: readonly Need[]): boolean {
  return needs.every(([action, subject]) => ability.can(action, subject));
}

/** Renders children only when the role allows `action` on `subject`; the server checks again. */
export function Can({ I, a, children }: { I: Action; a: Subject; children: ReactNode }) {
  const ability = useAppAbility();
  return ability.can(I, a) ? children : null;
}
