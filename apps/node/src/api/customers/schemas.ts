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
  // Any registered id type (`email`, `phone`, `loyalty_card`…), no new field per type. When given it is the
  // customer's complete set: every type not in the list is cleared. `emails`/`phones` are the older per-type form.
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
    .transform(byType)
    .optional(),
  attributes: z
    .record(z.string().min(1).max(100), z.union([z.string().max(1000), z.number(), z.boolean()]))
    .optional(),
});

/** The API's flat list as complete per-type lists (a type absent from the list gets an empty one). */
function byType(list: Array<{ type: IdType; value: string; country?: string | null | undefined }>) {
  const out = Object.fromEntries(ID_TYPES.map((t) => [t, [] as IdentifierInput[]])) as Record<
    IdType,
    IdentifierInput[]
  >;
  for (const i of list) out[i.type].push(i.country ? { value: i.value, country: i.country } : i.value);
  return out;
}
