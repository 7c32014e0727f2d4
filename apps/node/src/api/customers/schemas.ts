// Zod schemas shared by the customers.* procedures (editable customer fields).
import { z } from 'zod';
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
  attributes: z
    .record(z.string().min(1).max(100), z.union([z.string().max(1000), z.number(), z.boolean()]))
    .optional(),
});
