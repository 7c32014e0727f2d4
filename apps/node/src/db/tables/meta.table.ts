// Node metadata: key/value settings that belong to this node (e.g. its id, seeded flag).
export interface MetaTables {
  node_meta: { key: string; value: string };
}
