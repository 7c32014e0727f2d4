// The clean room's database type, composed from one *.table.ts per table family (add yours to the extends list).
import type { CollabTables } from './tables/collab.table.ts';
import type { EngineTables } from './tables/engine.table.ts';
import type { MatchTables } from './tables/match.table.ts';
import type { MeasurementTables } from './tables/measurement.table.ts';
import type { MetaTables } from './tables/meta.table.ts';
import type { RegistryTables } from './tables/registry.table.ts';

export interface Database
  extends MetaTables,
    RegistryTables,
    CollabTables,
    MatchTables,
    MeasurementTables,
    EngineTables {}
