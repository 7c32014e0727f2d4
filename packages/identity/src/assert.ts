// Tiny assertion helpers for the public boundary: programmer errors throw, user data never does.
import { ID_TYPES, type IdType } from './id-types.ts';
import { PROFILE_NAMES, type ProfileName, TOKEN_MODES, type TokenMode } from './types.ts';

export function assertProfileName(value: unknown): asserts value is ProfileName {
  if (typeof value !== 'string' || !(PROFILE_NAMES as readonly string[]).includes(value)) {
    throw new TypeError(
      `unknown normalization profile: ${String(value)} (expected ${PROFILE_NAMES.join(', ')})`,
    );
  }
}

export function assertIdType(value: unknown): asserts value is IdType {
  if (typeof value !== 'string' || !(ID_TYPES as readonly string[]).includes(value)) {
    throw new TypeError(`unknown identifier type: ${String(value)} (expected ${ID_TYPES.join(', ')})`);
  }
}

export function assertTokenMode(value: unknown): asserts value is TokenMode {
  if (typeof value !== 'string' || !(TOKEN_MODES as readonly string[]).includes(value)) {
    throw new TypeError(`unknown token mode: ${String(value)} (expected ${TOKEN_MODES.join(', ')})`);
  }
}

export function assertBytes(value: unknown, name: string, length?: number): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`${name} must be a Uint8Array`);
  if (length !== undefined && value.length !== length) {
    throw new RangeError(`${name} must be ${length} bytes, got ${value.length}`);
  }
}

export function assertString(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string`);
}
