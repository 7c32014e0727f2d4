// Public vocabulary of @concord/identity: identifier kinds, profile names, normalization results.
import type { ReasonCode } from './reasons.ts';

/** Normalization profiles; each is a versioned rule set documented in docs/identity.md. */
export const PROFILE_NAMES = ['uid2', 'google', 'meta', 'concord-v1'] as const;
export type ProfileName = (typeof PROFILE_NAMES)[number];

/** Outcome of normalizing one raw identifier. Never thrown: bad user data is a value. */
export type NormalizeResult =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly reason: ReasonCode };

export interface NormalizeOptions {
  /**
   * ISO 3166-1 alpha-2 region of the node (e.g. "US", "DE"), used to read phone numbers written
   * without a country calling code. Without it such numbers are rejected (`phone_missing_region`).
   */
  readonly defaultRegion?: string;
}

/** Token modes: keyed HMAC (default, unlinkable across collaborations) or plain SHA-256 (interop). */
export const TOKEN_MODES = ['hmac', 'sha256'] as const;
export type TokenMode = (typeof TOKEN_MODES)[number];
