// What a normalization profile is: a named, versioned, documented rule set for each identifier type.
import type { PhoneRules } from '../phone/normalize-phone.ts';
import type { NormalizeResult, ProfileName } from '../types.ts';

export interface Profile {
  readonly name: ProfileName;
  /** Bumped whenever a rule change could change a normalized value (and so a token). */
  readonly version: number;
  /** One-line statement of the rules; the full text is in docs/identity.md. */
  readonly summary: string;
  /** Where the rules come from. */
  readonly sources: readonly string[];
  readonly phoneRules: PhoneRules;
  /** Normalizes a raw email address (any string; never throws). */
  email(raw: string): NormalizeResult;
}
