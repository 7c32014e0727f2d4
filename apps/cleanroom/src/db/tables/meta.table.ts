// Node metadata: key/value settings that belong to the clean room.
export interface MetaTables {
  cleanroom_meta: { key: string; value: string };
}
