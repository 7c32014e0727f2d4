// Input of customers.updateProfile: the contract shared with the console and the CLI (`@concord/node/contract`).
// One set of rules and human messages, so a field the console accepts is a field the node accepts.
import { z } from 'zod';

export const SOCIAL_NETWORKS = [
  'instagram',
  'facebook',
  'linkedin',
  'x',
  'tiktok',
  'youtube',
  'whatsapp',
  'telegram',
  'other',
] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];

const Text = (what: string) => z.string().trim().max(200, `Keep the ${what} under 200 characters`);

function isDay(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

export const Tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'A tag cannot be empty')
  .max(40, 'Keep each tag under 40 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u, 'Tags use letters, digits, spaces, dashes and underscores');

export const SocialProfile = z.object({
  network: z.enum(SOCIAL_NETWORKS, { message: 'Choose a network' }),
  handle: z
    .string()
    .trim()
    .transform((h) => h.replace(/^@/, ''))
    .pipe(
      z
        .string()
        .min(1, 'Enter the handle, e.g. @anna.schmidt')
        .max(100, 'Keep the handle under 100 characters')
        .regex(/^[^\s<>"]+$/, 'A handle has no spaces or quotes'),
    ),
});

/** Editable fields of the working record; undefined keeps a field, null clears it. */
export const CustomerProfileFields = z.object({
  firstName: Text('first name').nullish(),
  lastName: Text('last name').nullish(),
  street: Text('street').nullish(),
  postalCode: z.string().trim().max(20, 'Keep the postal code under 20 characters').nullish(),
  city: Text('city').nullish(),
  country: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'Use the two-letter country code, e.g. DE')
    .transform((c) => c.toUpperCase())
    .nullish(),
  birthDate: z.string().refine(isDay, 'Enter a real date as YYYY-MM-DD').nullish(),
  emails: z
    .array(z.email('Enter a valid email address, e.g. anna@example.com').max(254))
    .max(10, 'At most 10 email addresses')
    .optional(),
  phones: z
    .array(
      z
        .string()
        .trim()
        .regex(/^\+?[\d\s()./-]{3,40}$/, 'Use digits, spaces and + ( ) - only, e.g. +49 30 1234567'),
    )
    .max(10, 'At most 10 phone numbers')
    .optional(),
  tags: z.array(Tag).max(20, 'At most 20 tags').optional(),
  socialProfiles: z.array(SocialProfile).max(20, 'At most 20 social profiles').optional(),
});
export type CustomerProfilePatch = z.output<typeof CustomerProfileFields>;

export const UpdateProfileInput = z.object({ id: z.uuid(), patch: CustomerProfileFields });
