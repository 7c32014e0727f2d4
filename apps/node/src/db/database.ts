// The node's database type, composed from one *.table.ts per table family (add yours to the extends list).
import type { AnalyticsTables } from './tables/analytics.table.ts';
import type { AuditTables } from './tables/audit.table.ts';
import type { AuthTables } from './tables/auth.table.ts';
import type { CollabTables } from './tables/collab.table.ts';
import type { ConsentTables } from './tables/consent.table.ts';
import type { CrmTables } from './tables/crm.table.ts';
import type { MarketingTables } from './tables/marketing.table.ts';
import type { MetaTables } from './tables/meta.table.ts';
import type { PrivacyTables } from './tables/privacy.table.ts';
import type { RecordsTables } from './tables/records.table.ts';
import type { ViewTables } from './tables/views.table.ts';

export interface Database
  extends MetaTables,
    CollabTables,
    CrmTables,
    AuthTables,
    ConsentTables,
    AuditTables,
    MarketingTables,
    AnalyticsTables,
    ViewTables,
    RecordsTables,
    PrivacyTables {}
