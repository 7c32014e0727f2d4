// Public API of @concord/identity: normalization profiles, hashing and keyed tokenization (pure, no I/O).

export {
  type ContextNormalizer,
  type ContextResult,
  createContextNormalizer,
  type IdentifierContext,
  type RegionSource,
} from './context/read.ts';
export { createTokenWriter, type TokenWriter } from './crypto/fast-token.ts';
export { sha256Base64, sha256Bytes, sha256Hex } from './crypto/hash.ts';
export {
  deriveTokenKey,
  deriveTokenKeys,
  KEY_BYTES,
  MIN_SECRET_BYTES,
  TOKEN_BYTES,
  TOKEN_KEY_INFO_PREFIX,
  tokenFor,
  tokenize,
} from './crypto/token.ts';
export { ID_TYPE_INFO, type IdTypeInfo } from './id-type-info.ts';
export {
  CONTACT_ID_TYPES,
  displayIdentifier,
  ID_TYPE_REGISTRY,
  ID_TYPES,
  ID_WIRE_CODES,
  type IdType,
  type IdTypeSpec,
  idTypeOfWireCode,
  isIdType,
  type TypeNormalizer,
} from './id-types.ts';
export {
  formatLoyaltyCard,
  LOYALTY_CARD_MAX_DIGITS,
  LOYALTY_CARD_MIN_DIGITS,
  luhnValid,
  normalizeLoyaltyCard,
} from './loyalty/card.ts';
export { createNormalizer, type Normalizer, normalize } from './normalize.ts';
export { formatPhoneInternational } from './phone/display.ts';
export type { PhoneRules } from './phone/normalize-phone.ts';
export type { Profile } from './profiles/profile.ts';
export { PROFILES } from './profiles/registry.ts';
export { REASON_CODES, type ReasonCode } from './reasons.ts';
export { foldText } from './search/fold.ts';
export {
  type NormalizeOptions,
  type NormalizeResult,
  PROFILE_NAMES,
  type ProfileName,
  TOKEN_MODES,
  type TokenMode,
} from './types.ts';
