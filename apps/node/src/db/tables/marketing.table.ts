// Marketing and sales tables: channel costs, campaigns with members/contacts/measurements, deals.
import type { ColumnType, Generated, Selectable } from 'kysely';

type Ts = ColumnType<Date, Date | string, Date | string>;
type NullableTs = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Money = ColumnType<string, number | string | undefined, number | string>;
type Day = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string, string>;

export interface ChannelCostTable {
  id: Generated<string>;
  /** Normalized (trimmed, lower-case) acquisition source and medium, as in analytics by channel. */
  source: string;
  medium: string;
  /** First day of the month the cost was spent in. */
  period_start: Day;
  cost: Money;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export type CampaignStatus = 'draft' | 'launched' | 'completed';
export type AudienceKind = 'segment' | 'list';
export type CampaignGroup = 'treatment' | 'holdout';
export type ContactStatus = 'sent' | 'delivered' | 'opened' | 'responded';

export interface CampaignTable {
  id: Generated<string>;
  name: string;
  status: ColumnType<CampaignStatus, CampaignStatus | undefined, CampaignStatus>;
  audience_kind: AudienceKind;
  segment_id: string | null;
  audience_list_id: string | null;
  /** The collaboration a list audience came from (null for segment audiences). */
  collaboration_id: string | null;
  /** Consent purpose checked at launch and before each contact. */
  purpose: string;
  channels: Json<string[]>;
  offer_product: string | null;
  offer_category: string | null;
  starts_on: Day;
  ends_on: ColumnType<string | null, string | null | undefined, string | null>;
  /** Attribution window: a matching purchase or won deal within this many days after contact converts. */
  window_days: ColumnType<number, number | undefined, number>;
  owner_id: string;
  holdout_pct: ColumnType<number, number | undefined, number>;
  /** Seed of the holdout draw (recorded so the split can be recomputed and audited). */
  seed: string;
  cost: Money;
  launch_report: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: Generated<Date>;
  launched_at: NullableTs;
}

export interface CampaignMemberTable {
  campaign_id: string;
  customer_id: string;
  grp: CampaignGroup;
  /** Why the member is not contacted (consent withdrawn, no longer on the list…); null = contactable. */
  skipped_reason: string | null;
  skipped_at: NullableTs;
  first_contact_at: NullableTs;
}

export interface CampaignContactTable {
  id: Generated<string>;
  campaign_id: string;
  customer_id: string;
  channel: string;
  status: ContactStatus;
  occurred_at: Ts;
  recorded_by: string | null;
  created_at: Generated<Date>;
}

export interface CampaignFollowUpTable {
  campaign_id: string;
  follow_up_id: string;
  customer_id: string;
}

export interface CampaignMeasurementTable {
  campaign_id: string;
  cleanroom_measurement_id: string;
  version: number;
  accepted: Json<Record<string, number>>;
  published_at: Ts;
}

export type DealStage = 'lead' | 'qualified' | 'proposal' | 'negotiation' | 'won' | 'lost';

export interface DealTable {
  id: Generated<string>;
  title: string;
  customer_id: string;
  stage: DealStage;
  amount: Money;
  /** Win probability in percent (0–100). */
  probability: number;
  expected_close: Day;
  owner_id: string;
  product: string | null;
  category: string | null;
  campaign_id: string | null;
  /** The purchase a won deal became. */
  purchase_id: string | null;
  closed_at: NullableTs;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface MarketingTables {
  channel_cost: ChannelCostTable;
  campaign: CampaignTable;
  campaign_member: CampaignMemberTable;
  campaign_contact: CampaignContactTable;
  campaign_follow_up: CampaignFollowUpTable;
  campaign_measurement: CampaignMeasurementTable;
  deal: DealTable;
}

export type Campaign = Selectable<CampaignTable>;
export type Deal = Selectable<DealTable>;
