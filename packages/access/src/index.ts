// Public surface of @concord/access: roles, actions, subjects and the CASL abilities built from them.
export {
  type AbilityUser,
  ACTIONS,
  type Action,
  type AppAbility,
  type AppRule,
  abilityFromPackedRules,
  abilityFromRules,
  defineAbilityFor,
  type PackedRules,
  packedRulesFor,
  ROLES,
  type Role,
  rowSubject,
  rulesFor,
  SUBJECTS,
  type Subject,
} from './abilities.ts';
