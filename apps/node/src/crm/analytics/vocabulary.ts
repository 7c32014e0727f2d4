// The analytics vocabulary shared with the console (through `@concord/node/contract`): which demographic fields are
// sensitive and which dimensions purchases can be cut by. Plain constants, no SQL: this file is bundled into the browser.

/**
 * Every field the data model marks sensitive. Segment rules over them make a segment sensitive; publications,
 * clean-room requests and list exports must not carry them unless a release rule names them (demographics/release.ts).
 */
export const SENSITIVE_FIELDS = [
  'sex',
  'age_band',
  'income_band',
  'education',
  'household_size',
  'region',
] as const;
export type SensitiveField = (typeof SENSITIVE_FIELDS)[number];

export const CUSTOMER_DIMENSIONS = [...SENSITIVE_FIELDS, 'country', 'loyalty_tier', 'value_tier'] as const;
export const PURCHASE_DIMENSIONS = [
  'product',
  'category',
  'supplier',
  'brand',
  'price_band',
  'period',
] as const;
export const DIMENSIONS = [...CUSTOMER_DIMENSIONS, ...PURCHASE_DIMENSIONS] as const;
export type Dimension = (typeof DIMENSIONS)[number];
