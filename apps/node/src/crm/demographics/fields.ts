// The sensitive demographic fields: their names, allowed values, and the SQL that reads each one per customer.
import { type RawBuilder, sql } from 'kysely';
import { EDUCATION_LEVELS, INCOME_BANDS, SEXES } from '../../db/tables/analytics.table.ts';
import type { SensitiveField } from '../analytics/vocabulary.ts';

export { SENSITIVE_FIELDS, type SensitiveField } from '../analytics/vocabulary.ts';

/** Age bands by completed years at the evaluation time; under 18 is its own band. */
export const AGE_BANDS = ['0-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const AGE_LOWER = [0, 18, 25, 35, 45, 55, 65];

/** The values a field can take (household size: 1–20, region: free text). */
export const FIELD_VALUES: Record<Exclude<SensitiveField, 'household_size' | 'region'>, readonly string[]> = {
  sex: SEXES,
  age_band: AGE_BANDS,
  income_band: INCOME_BANDS,
  education: EDUCATION_LEVELS,
};

/** Completed years between a birth date (YYYY-MM-DD) and `asOf` (UTC). */
export function ageAt(birthDate: string, asOf: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = asOf.getUTCFullYear() - y;
  const beforeBirthday =
    asOf.getUTCMonth() + 1 < m || (asOf.getUTCMonth() + 1 === m && asOf.getUTCDate() < d);
  if (beforeBirthday) age--;
  return age;
}

export function ageBandOf(age: number): AgeBand {
  let band: AgeBand = AGE_BANDS[0];
  AGE_LOWER.forEach((lo, i) => {
    if (age >= lo) band = AGE_BANDS[i]!;
  });
  return band;
}

/** SQL for one field of customer `c` left-joined to `customer_demographics d` (text; null when unknown). */
export function fieldSql(field: SensitiveField, asOf: Date): RawBuilder<string | null> {
  switch (field) {
    case 'age_band': {
      // Completed years ≥ N exactly when born on or before asOf − N years: plain date comparisons per row.
      const day = asOf.toISOString().slice(0, 10);
      const cutoff = (years: number) => sql`(${day}::date - make_interval(years => ${years}))::date`;
      const cases = AGE_LOWER.map(
        (lo, i) => sql`when c.birth_date <= ${cutoff(lo)} then ${AGE_BANDS[i]}::text`,
      ).reverse();
      return sql<
        string | null
      >`(case when c.birth_date is null or c.birth_date > ${day}::date then null ${sql.join(cases, sql` `)} end)`;
    }
    case 'household_size':
      return sql<string | null>`d.household_size::text`;
    default:
      return sql<string | null>`${sql.ref(`d.${field}`)}`;
  }
}
