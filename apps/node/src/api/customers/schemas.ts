// Zod schemas shared by the customers.* procedures (editable customer fields).
import { ID_TYPES, type IdType } from '@concord/identity';
import { z } from 'zod';
import type { IdentifierInput } from '../../crm/identifiers/read.ts';
import { parseDate } from '../../crm/import/values.ts';

const Text = z.string().trim().max(200);
export const Day = z.string().refine((v) => parseDate(v).ok, 'expected a valid date YYYY-MM-DD');

export const CustomerFields = z.object({
  firstName: Text.nullish(),
  lastName: Text.nullish(),
  street: Text.nullish(),
  postalCode: z.string().trim().max(20).nullish(),
  city: Text.nullish(),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'ISO 3166-1 alpha-2')
    .transform((c) => c.toUpperCase())
    .nullish(),
  birthDate: Day.nullish(),
  // Not checked as email here: a value that does not normalize is stored flagged as invalid (kept as given, never
  // published), the same as on import, so fixing one of several bad addresses never fails on the others.
  emails: z.array(z.string().trim().min(1).max(254)).max(10).optional(),
  phones: z.array(z.string().trim().min(3).max(40)).max(10).optional(),
  // Any registered id type (`email`, `phone`, `loyalty_card`…), no new field per type. Each type named in the list
  // (or in `identifierTypes`, which can name a type to clear) gets exactly the values given for it; other types are
  // left as they are. `emails`/`phones` are the older per-type form of the same.
  identifiers: z
    .array(
      z.object({
        type: z.enum(ID_TYPES as readonly IdType[] as [IdType, ...IdType[]]),
        value: z.string().trim().min(1).max(254),
        country: z
          .string()
          .regex(/^[A-Za-z]{2}$/, 'ISO 3166-1 alpha-2')
          .nullish(),
      }),
    )
    .max(30)
    .optional(),
  identifierTypes: z.array(z.enum(ID_TYPES as readonly IdType[] as [IdType, ...IdType[]])).optional(),
  attributes: z
    .record(z.string().min(1).max(100), z.union([z.string().max(1000), z.number(), z.boolean()]))
    .optional(),
});

type CustomerFieldsInput = z.infer<typeof CustomerFields>;

/** The API's fields as the domain's input: the flat identifier list becomes per-type lists (see `identifiers`). */
export function customerPatch({ identifiers, identifierTypes, ...rest }: CustomerFieldsInput) {
  if (identifiers === undefined && identifierTypes === undefined) return rest;
  const out: Partial<Record<IdType, IdentifierInput[]>> = {};
  for (const t of identifierTypes ?? []) out[t] = [];
  for (const i of identifiers ?? []) {
    const list = out[i.type] ?? [];
    list.push(i.country ? { value: i.value, country: i.country } : i.value);
    out[i.type] = list;
  }
  return { ...rest, identifiers: out };
}
