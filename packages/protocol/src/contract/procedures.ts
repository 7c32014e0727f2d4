// The clean room's procedure table: tRPC path, query/mutation, auth, and the zod input/output of each call.
// The server builds its procedures from these schemas; the typed client is generated from this table.
// Entries are defined by area in procedures-partner.ts, procedures-data.ts and procedures-operator.ts.
import type { z } from 'zod';
import { DATA_PROCEDURES } from './procedures-data.ts';
import { OPERATOR_PROCEDURES } from './procedures-operator.ts';
import { PARTNER_PROCEDURES } from './procedures-partner.ts';

export const PROCEDURES = { ...PARTNER_PROCEDURES, ...DATA_PROCEDURES, ...OPERATOR_PROCEDURES } as const;

export type Procedures = typeof PROCEDURES;
export type ProcedureName = keyof Procedures;
export type ProcedureInput<N extends ProcedureName> = z.input<Procedures[N]['input']>;
export type ProcedureOutput<N extends ProcedureName> = z.infer<Procedures[N]['output']>;

/** Binary upload route: `PUT ${batchPath(versionId, seq)}`, body = one batch (application/octet-stream). */
export function batchPath(versionId: string, seq: number): string {
  return `/v1/versions/${encodeURIComponent(versionId)}/batches/${seq}`;
}
export const BATCH_ROUTE_PREFIX = '/v1/versions';
