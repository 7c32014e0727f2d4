// Campaign measurements published by a list's receiver, their members, and cached noisy answers to enablers.
import type { ColumnType, Generated } from 'kysely';

export interface MeasurementTable {
  id: Generated<string>;
  collaboration_id: string;
  list_id: string;
  publisher_id: string;
  campaign_key: string;
  version: number;
  revenue_band: string | null;
  published_at: Date;
}

export interface MeasurementMemberTable {
  measurement_id: string;
  member_id: Uint8Array;
  /** 0 = treated (contacted), 1 = holdout. */
  grp: number;
  converted: boolean;
}

export interface MeasurementResultTable {
  id: Generated<string>;
  measurement_id: string;
  requester_id: string;
  /** SHA-256(canonical query ‖ data version): cache key and Laplace seed. */
  query_hash: Uint8Array;
  result: ColumnType<Record<string, unknown>, string, string>;
  epsilon_charged: number;
  created_at: Date;
}

export interface MeasurementTables {
  measurements: MeasurementTable;
  measurement_members: MeasurementMemberTable;
  measurement_results: MeasurementResultTable;
}
