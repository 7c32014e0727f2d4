// Version of the node <-> clean room protocol; bumped on any incompatible change to schemas or the batch format.
export const PROTOCOL_VERSION = 1 as const;
