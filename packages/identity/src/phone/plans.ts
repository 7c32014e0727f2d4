// libphonenumber "max" metadata (shipped by libphonenumber-js) compiled once into ready RegExps.
//
// Why: libphonenumber-js rebuilds `new RegExp('^(?:' + pattern + ')$')` from multi-kilobyte pattern
// strings on every check; that is ~65% of its parse time. Compiling each numbering plan once, lazily,
// gives the same answers (see test/phone-differential.test.ts) at a fraction of the cost.
import metadataJson from 'libphonenumber-js/metadata.max.json';

/** One phone number type (fixed line, mobile, toll free…) of a numbering plan. */
interface CompiledType {
  readonly pattern: RegExp;
  readonly lengths: readonly number[] | undefined;
}

/** A numbering plan (a country, or a non-geographic calling code such as +800). */
export interface NumberingPlan {
  readonly callingCode: string;
  /** International dialling prefix (e.g. `00`, `011`), anchored at the start. */
  readonly idd: RegExp | undefined;
  /** The national (significant) number pattern, anchored at both ends. */
  readonly national: RegExp;
  readonly lengths: readonly number[] | undefined;
  /** Prefix stripped from national numbers (trunk prefix, carrier codes), anchored at the start. */
  readonly prefixForParsing: RegExp | undefined;
  readonly transformRule: string | undefined;
  /** Leading digits that identify this region among regions sharing a calling code. */
  readonly leadingDigits: RegExp | undefined;
  readonly hasTypes: boolean;
  readonly types: readonly CompiledType[];
}

// Positional layout of metadata version 4 (see libphonenumber-js source/metadata.js).
type Raw = string | number | readonly unknown[] | null | undefined;
type RawPlan = readonly Raw[];
interface RawMetadata {
  readonly version: number;
  readonly country_calling_codes: Readonly<Record<string, readonly string[]>>;
  readonly countries: Readonly<Record<string, RawPlan>>;
  readonly nonGeographic: Readonly<Record<string, RawPlan>>;
}

const META = checkMetadata(metadataJson);

function checkMetadata(json: unknown): RawMetadata {
  const m = json as Partial<RawMetadata>;
  if (m.version !== 4 || typeof m.countries !== 'object' || typeof m.country_calling_codes !== 'object') {
    throw new Error('libphonenumber-js metadata: unsupported layout (expected version 4)');
  }
  return { ...(m as RawMetadata), nonGeographic: m.nonGeographic ?? {} };
}

function str(v: Raw): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function nums(v: Raw): readonly number[] | undefined {
  return Array.isArray(v) ? (v as number[]) : undefined;
}

function compile(raw: RawPlan): NumberingPlan {
  const nationalPrefix = str(raw[5]);
  const prefixForParsing = str(raw[7]) ?? nationalPrefix;
  const lengths = nums(raw[3]);
  const rawTypes = Array.isArray(raw[11]) ? (raw[11] as readonly Raw[]) : undefined;
  const types: CompiledType[] = [];
  // libphonenumber reads exactly ten types: fixed line, mobile, toll free, premium rate, personal,
  // voicemail, UAN, pager, VoIP, shared cost.
  for (const t of (rawTypes ?? []).slice(0, 10)) {
    if (!Array.isArray(t)) continue;
    const pattern = str(t[0] as Raw);
    // A type with an empty pattern never matches (US "mobile" is such a placeholder).
    if (pattern === undefined) continue;
    types.push({ pattern: new RegExp(`^(?:${pattern})$`), lengths: nums(t[1] as Raw) ?? lengths });
  }
  const idd = str(raw[1]);
  const leadingDigits = str(raw[10]);
  return {
    callingCode: String(raw[0]),
    idd: idd === undefined ? undefined : new RegExp(`^(?:${idd})`),
    national: new RegExp(`^(?:${str(raw[2]) ?? ''})$`),
    lengths,
    prefixForParsing: prefixForParsing === undefined ? undefined : new RegExp(`^(?:${prefixForParsing})`),
    transformRule: str(raw[8]),
    leadingDigits: leadingDigits === undefined ? undefined : new RegExp(`^(?:${leadingDigits})`),
    hasTypes: rawTypes !== undefined && rawTypes.length > 0,
    types,
  };
}

const byRegion = new Map<string, NumberingPlan>();
const byNonGeographicCode = new Map<string, NumberingPlan>();

/** True if `region` is a region libphonenumber knows (upper-case ISO 3166-1 alpha-2). */
export function isSupportedRegion(region: string): boolean {
  return Object.hasOwn(META.countries, region);
}

/** Plan of a supported region; callers check `isSupportedRegion` first. */
export function planForRegion(region: string): NumberingPlan {
  let plan = byRegion.get(region);
  if (plan === undefined) {
    const raw = META.countries[region];
    if (raw === undefined) throw new Error(`unknown region "${region}"`);
    plan = compile(raw);
    byRegion.set(region, plan);
  }
  return plan;
}

/** Regions sharing a calling code, main region first; undefined for non-geographic codes. */
export function regionsForCallingCode(callingCode: string): readonly string[] | undefined {
  const regions = Object.hasOwn(META.country_calling_codes, callingCode)
    ? META.country_calling_codes[callingCode]
    : undefined;
  if (regions === undefined || (regions.length === 1 && regions[0] === '001')) return undefined;
  return regions;
}

export function hasCallingCode(callingCode: string): boolean {
  return regionsForCallingCode(callingCode) !== undefined || Object.hasOwn(META.nonGeographic, callingCode);
}

/** The plan libphonenumber selects for a bare calling code: its main region, or the non-geographic plan. */
export function planForCallingCode(callingCode: string): NumberingPlan | undefined {
  const main = regionsForCallingCode(callingCode)?.[0];
  if (main !== undefined) return planForRegion(main);
  let plan = byNonGeographicCode.get(callingCode);
  if (plan === undefined) {
    const raw = Object.hasOwn(META.nonGeographic, callingCode) ? META.nonGeographic[callingCode] : undefined;
    if (raw === undefined) return undefined;
    plan = compile(raw);
    byNonGeographicCode.set(callingCode, plan);
  }
  return plan;
}

/** All supported regions (for tests and benchmarks). */
export function supportedRegions(): string[] {
  return Object.keys(META.countries).filter((r) => r !== '001');
}
