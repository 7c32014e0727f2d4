// Normalize + tokenize one batch in the calling thread; the unit of work each bulk worker runs.
import { createTokenWriter, type TokenWriter } from '../crypto/fast-token.ts';
import { TOKEN_BYTES } from '../crypto/token.ts';
import { ID_TYPES, type IdType } from '../id-types.ts';
import { createNormalizer } from '../normalize.ts';
import { REASON_CODES, reasonIndex } from '../reasons.ts';
import type { ProfileName, TokenMode } from '../types.ts';

/** Id types travel to workers as one byte per record: the index into the registry's `ID_TYPES` (not the wire code). */
export const ID_TYPE_CODES: readonly IdType[] = ID_TYPES;

export interface BatchTokenizerConfig {
  readonly profile: ProfileName;
  readonly defaultRegion?: string;
  readonly mode: TokenMode;
  /** Per-type HMAC keys (hmac mode); derived once from the collaboration secret by the caller. */
  readonly keys?: Readonly<Record<IdType, Uint8Array>>;
}

/** Output of one batch: tokens and a status byte per record, plus per-reason counts. */
export interface TokenBatch {
  readonly count: number;
  /** `count × 32` bytes; record i's token is bytes [32·i, 32·i + 32), all zero if the record is invalid. */
  readonly tokens: Uint8Array;
  /** 0 for a valid record, otherwise 1 + index into `REASON_CODES`. */
  readonly status: Uint8Array;
  /** Invalid records per reason, indexed like `REASON_CODES`. */
  readonly invalidCounts: Uint32Array;
}

export type BatchTokenizer = (typeCodes: Uint8Array, values: readonly unknown[]) => TokenBatch;

export function createBatchTokenizer(config: BatchTokenizerConfig): BatchTokenizer {
  const normalizer = createNormalizer(config.profile, { defaultRegion: config.defaultRegion });
  const writers: TokenWriter[] = ID_TYPE_CODES.map((type) =>
    createTokenWriter(config.mode, config.mode === 'hmac' ? config.keys?.[type] : undefined),
  );
  return (typeCodes, values) => {
    const count = values.length;
    const tokens = new Uint8Array(count * TOKEN_BYTES);
    const status = new Uint8Array(count);
    const invalidCounts = new Uint32Array(REASON_CODES.length);
    for (let i = 0; i < count; i++) {
      const code = typeCodes[i] as number;
      const result = normalizer(ID_TYPE_CODES[code] as IdType, values[i]);
      if (result.ok) {
        (writers[code] as TokenWriter)(result.value, tokens, i * TOKEN_BYTES);
      } else {
        const reason = reasonIndex(result.reason);
        status[i] = reason + 1;
        invalidCounts[reason] = (invalidCounts[reason] as number) + 1;
      }
    }
    return { count, tokens, status, invalidCounts };
  };
}
