// Analytical CRM tables: demographics (sensitive), surveys, loyalty programme, customer value, analytics policy.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** numeric columns come back from pg as strings; read them through Number(). */
type Numeric = ColumnType<string, number | string, number | string>;

export const SEXES = ['female', 'male', 'diverse', 'undisclosed'] as const;
export const INCOME_BANDS = ['lt_20k', '20k_40k', '40k_60k', '60k_100k', '100k_plus'] as const;
export const EDUCATION_LEVELS = [
  'primary',
  'secondary',
  'vocational',
  'bachelor',
  'master',
  'doctorate',
] as const;
export type Sex = (typeof SEXES)[number];
export type IncomeBand = (typeof INCOME_BANDS)[number];
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** Sensitive: never published, never exported unless released by a rule, aggregated under the k floor only. */
export interface CustomerDemographicsTable {
  customer_id: string;
  /** Self-declared; null = not given. */
  sex: Sex | null;
  income_band: IncomeBand | null;
  education: EducationLevel | null;
  household_size: number | null;
  region: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface AnalyticsPolicyTable {
  id: ColumnType<number, number | undefined, never>;
  /** Smallest number of customers an aggregate cell may show (k). */
  min_cell_size: ColumnType<number, number | undefined, number>;
  /** Margin assumed for purchases without a cost. */
  default_margin_rate: Numeric;
  clv_discount_rate: Numeric;
  value_top_share: Numeric;
  value_tail_share: Numeric;
  updated_by: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface SensitiveReleaseTable {
  id: Generated<string>;
  purpose: string;
  version: number;
  fields: string[];
  /** Where the fields may go: `publication` (segments over them) and/or `export` (list export columns). */
  channels: Array<'publication' | 'export'>;
  note: string | null;
  author_id: string | null;
  created_at: CreatedAt;
}

export type QuestionKind = 'nps' | 'csat' | 'single' | 'multiple' | 'text';

export interface SurveyTable {
  id: Generated<string>;
  key: string;
  name: string;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface SurveyQuestionTable {
  survey_id: string;
  key: string;
  position: number;
  kind: QuestionKind;
  label: string;
  options: string[] | null;
}

export interface SurveyResponseTable {
  id: Generated<string>;
  external_id: string | null;
  survey_id: string;
  customer_id: string;
  responded_at: Timestamp;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface SurveyAnswerTable {
  response_id: string;
  question_key: string;
  survey_id: string;
  customer_id: string;
  responded_at: Timestamp;
  kind: QuestionKind;
  score: number | null;
  choices: string[] | null;
  text: string | null;
}

export interface LoyaltyProgrammeTable {
  id: ColumnType<number, number | undefined, never>;
  points_per_unit: Numeric;
  expiry_months: ColumnType<number, number | undefined, number>;
  qualifying_months: ColumnType<number, number | undefined, number>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface LoyaltyCategoryMultiplierTable {
  category: string;
  multiplier: Numeric;
}

export interface LoyaltyTierTable {
  key: string;
  name: string;
  /** Qualifying points (earned in the qualifying window) needed for the tier. */
  threshold: number;
}

export interface LoyaltyMemberTable {
  customer_id: string;
  member_number: string | null;
  joined_at: Timestamp;
  tier: string | null;
  tier_since: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type LoyaltyEventKind = 'earn' | 'redeem' | 'expire' | 'adjust' | 'tier_change';

export interface LoyaltyEventTable {
  id: Generated<string>;
  external_id: string | null;
  customer_id: string;
  kind: LoyaltyEventKind;
  /** Signed: earn > 0, redeem/expire < 0. */
  points: number;
  occurred_at: Timestamp;
  purchase_id: string | null;
  source: 'import' | 'computed' | 'schedule' | 'console';
  tier_from: string | null;
  tier_to: string | null;
  note: string | null;
  created_at: CreatedAt;
}

export type ValueTier = 'top' | 'middle' | 'tail';

export interface CustomerValueTable {
  customer_id: string;
  revenue: Numeric;
  margin: Numeric;
  margin_12m: Numeric;
  clv: Numeric;
  tier: ValueTier;
  computed_at: Timestamp;
}

export interface AnalyticsTables {
  customer_demographics: CustomerDemographicsTable;
  analytics_policy: AnalyticsPolicyTable;
  sensitive_release: SensitiveReleaseTable;
  survey: SurveyTable;
  survey_question: SurveyQuestionTable;
  survey_response: SurveyResponseTable;
  survey_answer: SurveyAnswerTable;
  loyalty_programme: LoyaltyProgrammeTable;
  loyalty_category_multiplier: LoyaltyCategoryMultiplierTable;
  loyalty_tier: LoyaltyTierTable;
  loyalty_member: LoyaltyMemberTable;
  loyalty_event: LoyaltyEventTable;
  customer_value: CustomerValueTable;
}
