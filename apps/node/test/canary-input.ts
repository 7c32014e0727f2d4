// Builds a procedure input from its zod schema with a unique canary string in every free-text field, so a test
// can tell whether any request value reached a log. Formats (email, uuid, datetime) get valid values around the
// canary where the format allows one; `nul` appends a NUL byte to every canary to force database errors.

const PLACEHOLDER_UUID = '00000000-0000-4000-8000-0000000000ff';

interface Def {
  type: string;
  [key: string]: unknown;
}
interface Check {
  _zod: { def: { check: string; format?: string; minimum?: number; maximum?: number } };
}
type Schema = { _zod: { def: Def } };

export interface CanaryOptions {
  /** A new canary for the field at `path` (the caller records it). */
  canary: (path: string) => string;
  nul: boolean;
  /** The value for every uuid field (default: an id that matches nothing). */
  uuid?: string;
}

function checksOf(def: Def): Check['_zod']['def'][] {
  return ((def.checks as Check[] | undefined) ?? []).map((c) => c._zod.def);
}

function stringFor(def: Def, path: string, opts: CanaryOptions): string {
  const checks = checksOf(def);
  const format =
    checks.find((c) => c.check === 'string_format')?.format ?? (def.format as string | undefined);
  const c = opts.canary(path) + (opts.nul ? '\u0000' : '');
  if (format === 'uuid' || format === 'guid') return opts.uuid ?? PLACEHOLDER_UUID;
  if (format === 'datetime') return '2026-01-01T00:00:00Z';
  if (format === 'email') return `${opts.nul ? c : c.toLowerCase()}@canary.test`;
  const min = checks.find((x) => x.check === 'min_length')?.minimum ?? 0;
  const max = checks.find((x) => x.check === 'max_length')?.maximum ?? 10_000;
  return c.padEnd(min, 'x').slice(0, Math.max(max, 1));
}

function numberFor(def: Def): number {
  const min = checksOf(def).find((c) => c.check === 'greater_than')?.minimum;
  return typeof min === 'number' ? min + 1 : 1;
}

export function canaryInput(schema: unknown, opts: CanaryOptions, path = 'input', depth = 0): unknown {
  if (!schema || depth > 8) return undefined;
  const def = (schema as Schema)._zod.def;
  const inner = (s: unknown, p = path) => canaryInput(s, opts, p, depth + 1);
  switch (def.type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(def.shape as Record<string, unknown>).map(([k, v]) => [k, inner(v, `${path}.${k}`)]),
      );
    case 'string':
      return stringFor(def, path, opts);
    case 'number':
    case 'int':
      return numberFor(def);
    case 'bigint':
      return 1n;
    case 'boolean':
      return true;
    case 'date':
      return '2026-01-01T00:00:00Z';
    case 'enum':
      return Object.values(def.entries as Record<string, unknown>)[0];
    case 'literal':
      return (def.values as unknown[])[0];
    case 'array':
      return [inner(def.element, `${path}[]`)];
    case 'record':
      return { [opts.canary(`${path}{}`)]: inner(def.valueType, `${path}{v}`) };
    case 'union':
      return inner((def.options as unknown[])[0]);
    case 'pipe':
      return inner(def.in);
    case 'lazy':
      return inner((def.getter as () => unknown)());
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return inner(def.innerType);
    default:
      return undefined;
  }
}

interface Parser {
  safeParse(v: unknown): { success: boolean; error?: { issues: { path: PropertyKey[] }[] } };
}

/**
 * Drops the fields the schema refuses (regexes, refinements a canary cannot satisfy) until the input parses or
 * nothing more can be dropped, so the call reaches the domain code and the database instead of stopping at zod.
 */
export function repairInput(schema: unknown, input: unknown): unknown {
  const parser = schema as Parser | undefined;
  if (!parser?.safeParse) return input;
  let value = structuredClone(input);
  for (let round = 0; round < 20; round++) {
    const result = parser.safeParse(value);
    if (result.success || !result.error) return value;
    let changed = false;
    for (const { path } of result.error.issues) {
      if (path.length === 0) return value;
      let parent = value as Record<PropertyKey, unknown>;
      for (const key of path.slice(0, -1)) parent = parent?.[key] as Record<PropertyKey, unknown>;
      const last = path[path.length - 1]!;
      if (parent && typeof parent === 'object' && last in parent) {
        delete parent[last];
        changed = true;
      }
    }
    if (!changed) return value;
    value = structuredClone(value);
  }
  return value;
}
