// Acquisition channel of a customer or purchase: `source` / `medium` / `campaign` attributes (UTM-style; CSV
// columns of those names or `utm_source`… land there on import), trimmed and lower-cased so "Google " and
// "google" are one channel. A customer without a source is `(direct)`, without a medium `(none)`.
import { type RawBuilder, sql } from 'kysely';

export const DIRECT = '(direct)';
export const NO_MEDIUM = '(none)';

/** The normalized value of attribute `key` (or `utm_<key>`) of `alias.attributes`, null when blank. */
export function channelAttr(alias: string, key: 'source' | 'medium' | 'campaign'): RawBuilder<string | null> {
  const a = sql.ref(`${alias}.attributes`);
  return sql<string | null>`nullif(lower(trim(coalesce(${a}->>${key}, ${a}->>${`utm_${key}`}))), '')`;
}

/** Normalizes a channel name the way the SQL does (for costs entered in the console). */
export function normalizeChannel(value: string): string {
  return value.trim().toLowerCase();
}
