// One entry of the clean room's procedure table: tRPC path, query/mutation, auth, zod input and output.
import { z } from 'zod';

/** `public`: no credential (the input carries its own proof, e.g. a one-time invitation code). */
export type Auth = 'partner' | 'operator' | 'public';
export type Kind = 'query' | 'mutation';

export interface ProcedureDef<A extends Auth, T extends Kind, I extends z.ZodType, O extends z.ZodType> {
  path: string;
  type: T;
  /** `partner`: Bearer partner credential; `operator`: Bearer operator token; `public`: none. */
  auth: A;
  input: I;
  output: O;
}

export function def<A extends Auth, T extends Kind, I extends z.ZodType, O extends z.ZodType>(
  d: ProcedureDef<A, T, I, O>,
): ProcedureDef<A, T, I, O> {
  return d;
}

/** Calls without arguments accept `{}` or nothing. */
export const Empty = z.object({}).default({});
