// The match engine's sorted runs per version and their tombstones (see src/match/engine/run.ts).

export interface EngineRunTable {
  version_id: string;
  /** 0 = tokens (4 uint32 words each), 1 = distinct members (2 words each). */
  kind: number;
  /** First byte of the token (kind 0) or member id (kind 1): the shard key. */
  bucket: number;
  count: number;
  body: Uint8Array;
}

/** One stored batch's keys: per record tk (8 B), mk (8 B), purpose mask (4 B), big-endian as in the batch. */
export interface EnginePartTable {
  version_id: string;
  seq: number;
  records: number;
  body: Uint8Array;
}

export interface EngineTombstoneTable {
  version_id: string;
  member_id: Uint8Array;
}

export interface EngineTables {
  engine_runs: EngineRunTable;
  engine_parts: EnginePartTable;
  engine_tombstones: EngineTombstoneTable;
}
