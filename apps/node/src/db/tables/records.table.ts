// Customer record extras (issue 16): social profiles as contact channels and notes with author and time.
import type { ColumnType, Generated, Selectable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface CustomerSocialProfileTable {
  customer_id: string;
  /** Lower-case network key (instagram, linkedin, x, facebook, tiktok, youtube, other). */
  network: string;
  /** As given, without a leading `@`. */
  handle: string;
  added_by: string | null;
  added_at: CreatedAt;
}

export interface CustomerNoteTable {
  id: Generated<string>;
  customer_id: string;
  body: string;
  author_id: string;
  /** Human-readable author (the user's email at the time of writing). */
  author: string;
  created_at: CreatedAt;
}

export interface RecordsTables {
  customer_social_profile: CustomerSocialProfileTable;
  customer_note: CustomerNoteTable;
}

export type CustomerNote = Selectable<CustomerNoteTable>;
