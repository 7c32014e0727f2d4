// THE list of identifier types: name, wire code and label. Pure data (no normalizer code), so the console can import
// it (`@concord/identity/id-types`) without the phone metadata. Each type's behaviour is in id-types.ts, typed
// `Record<IdType, …>` so a type added here does not compile until it has a normalizer for every profile.

export interface IdTypeInfo {
  /** Byte in a batch record's id-type field. Stable forever: existing batches and tokens depend on it. */
  readonly wireCode: number;
  /** Console label, singular. */
  readonly label: string;
}

export const ID_TYPE_INFO = {
  email: { wireCode: 1, label: 'Email' },
  phone: { wireCode: 2, label: 'Phone' },
  /** A coalition programme's card number (one card accepted by a bank, an insurer and a dealer alike). */
  loyalty_card: { wireCode: 3, label: 'Loyalty card' },
} as const satisfies Record<string, IdTypeInfo>;

/** Kinds of identifier a profile can normalize. */
export type IdType = keyof typeof ID_TYPE_INFO;

/** Every registered type, in registry order (which is also the bulk worker's one-byte type index). */
export const ID_TYPES: readonly IdType[] = Object.keys(ID_TYPE_INFO) as IdType[];
