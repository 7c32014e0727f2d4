// The federation `pnpm start` runs: a clean room and partner companies, from a federation file or the default three.
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';

const SEED_PROFILES = ['bank', 'insurer', 'dealer'] as const;

const Partner = z.strictObject({
  /** Short key used for file and database names. */
  key: z.string().regex(/^[a-z][a-z0-9_]{0,30}$/, 'lower-case letters, digits and _ (used in file names)'),
  name: z.string().trim().min(1).max(120),
  industry: z.enum(['bank', 'insurance', 'automotive', 'retail', 'telecom', 'other']),
  region: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 code such as DE'),
  port: z.number().int().min(1).max(65535),
  /** Demo data profile for `pnpm start` with seeding; defaults to the key when it names one. */
  seed: z.enum(SEED_PROFILES).optional(),
});
export type PartnerSpec = z.infer<typeof Partner>;

export const Federation = z.strictObject({
  cleanroom: z.strictObject({ port: z.number().int().min(1).max(65535) }).default({ port: 4000 }),
  partners: z
    .array(Partner)
    .min(1)
    .refine((ps) => new Set(ps.map((p) => p.key)).size === ps.length, 'partner keys must be unique')
    .refine((ps) => new Set(ps.map((p) => p.port)).size === ps.length, 'partner ports must be unique'),
});
export type Federation = z.infer<typeof Federation>;

export const CLEANROOM_PORT = 4000;

/** Today's demo federation: a bank, an insurer and a car dealer, each with its own default phone region. */
export const DEFAULT_FEDERATION: Federation = {
  cleanroom: { port: CLEANROOM_PORT },
  partners: [
    { key: 'bank', name: 'Northwind Bank', industry: 'bank', port: 4101, region: 'DE', seed: 'bank' },
    {
      key: 'insurer',
      name: 'Harbor Insurance',
      industry: 'insurance',
      port: 4102,
      region: 'AT',
      seed: 'insurer',
    },
    {
      key: 'dealer',
      name: 'Autohaus Meyer',
      industry: 'automotive',
      port: 4103,
      region: 'CH',
      seed: 'dealer',
    },
  ],
};

/** The default federation's partners. */
export const PARTNERS: PartnerSpec[] = DEFAULT_FEDERATION.partners;

/** Reads a federation file; every problem becomes one line of the thrown error. */
export function loadFederation(path: string | undefined): Federation {
  if (!path) return DEFAULT_FEDERATION;
  if (!existsSync(path)) throw new Error(`federation file ${path} does not exist`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`federation file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = Federation.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new Error(
    parsed.error.issues
      .map((i) => `federation file ${path}: ${i.path.join('.') || 'file'}: ${i.message}`)
      .join('\n'),
  );
}

/** The demo profile a partner is seeded with, if any. */
export function seedProfile(p: PartnerSpec): (typeof SEED_PROFILES)[number] | undefined {
  return p.seed ?? ((SEED_PROFILES as readonly string[]).find((s) => s === p.key) as PartnerSpec['seed']);
}

/** Demo users the seed creates on every node (role → e-mail local part); all share DEMO_PASSWORD. */
export const DEMO_ROLES = ['admin', 'compliance', 'marketer'] as const;
export const DEMO_PASSWORD = 'concord-demo';

export function demoEmail(role: string, partner: PartnerSpec): string {
  return `${role}@${seedProfile(partner) ?? partner.key}.example`;
}

/**
 * The region each partner's node runs with: `--region key=XX[,key=XX]` beats CONCORD_<KEY>_REGION beats the
 * federation's value. Throws on a malformed value (the node would refuse it anyway, later and less clearly).
 */
export function partnerRegions(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  partners: PartnerSpec[] = PARTNERS,
): Record<string, string> {
  const fromFlag = new Map(
    (flag ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => pair.split('=').map((x) => x.trim()) as [string, string]),
  );
  const out: Record<string, string> = {};
  for (const p of partners) {
    const region = (
      fromFlag.get(p.key) ??
      env[`CONCORD_${p.key.toUpperCase()}_REGION`] ??
      p.region
    ).toUpperCase();
    if (!/^[A-Z]{2}$/.test(region))
      throw new Error(`region for ${p.key} must be ISO 3166-1 alpha-2, got "${region}"`);
    out[p.key] = region;
  }
  return out;
}
