// Derives fast-check arbitraries from zod 4 schemas: mostly valid values (so calls reach the domain code) mixed
// with hostile ones — NUL, lone surrogates, huge strings, wrong types, absurd nesting — at every leaf.
import fc from 'fast-check';

type Def = { type: string; [key: string]: unknown };
type Check = { check?: string; format?: string; minimum?: number; maximum?: number };

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def): Check[] =>
  ((def.checks as { _zod: { def: Check } }[] | undefined) ?? []).map((c) => c._zod.def);

/** Input no schema should let through to the database. */
export const HOSTILE_STRING: fc.Arbitrary<string> = fc.oneof(
  fc.constant('\u0000'),
  fc.string().map((s) => `${s}\u0000${s}`),
  fc.constant('lone \uD800 high'),
  fc.constant('\uDC00 lone low'),
  fc.constant('x'.repeat(100_000)),
  fc.constant('é'.repeat(3_000)),
  fc.constant("'; drop table customer; --"),
  fc.constant('%E0%A4%A'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constant(''),
  fc.constant('   '),
);

/** An array nested `depth` levels: deep enough to overflow a recursive walker. */
export const deepNest = (depth: number): unknown => {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

const WRONG_TYPE: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(deepNest(1_000)),
  fc.integer(),
  fc.constant({ __proto__: { polluted: true } }),
  fc.jsonValue({ maxDepth: 2 }),
);

function validString(def: Def): fc.Arbitrary<string> {
  const checks = checksOf(def);
  const format =
    (def.format as string | undefined) ?? checks.find((c) => c.check === 'string_format')?.format;
  const min = checks.find((c) => c.check === 'min_length')?.minimum ?? 0;
  const max = checks.find((c) => c.check === 'max_length')?.maximum ?? Math.max(min, 40);
  switch (format) {
    case 'email':
      return fc.emailAddress();
    case 'uuid':
    case 'guid':
      return fc.uuid({ version: 4 });
    case 'datetime':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'date':
      return fc
        .date({ min: new Date('1900-01-01'), max: new Date('2040-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'url':
      return fc.webUrl();
    default:
      return fc.string({ minLength: min, maxLength: Math.min(max, 60) });
  }
}

function numberArb(def: Def): fc.Arbitrary<number> {
  const integer = checksOf(def).some((c) => c.format === 'safeint' || c.format === 'int32');
  const valid = integer ? fc.integer({ min: -5, max: 500 }) : fc.double({ min: -1e6, max: 1e6, noNaN: true });
  return fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 1, arbitrary: fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 0.5) },
  );
}

/** Ways to spoil one string that was valid, keeping its shape (so the rest of the input still validates). */
const SPOIL: fc.Arbitrary<(s: string, at: number) => string> = fc.constantFrom(
  (s: string, at: number) =>
    s ? `${s.slice(0, at % s.length)}\u0000${s.slice((at % s.length) + 1)}` : '\u0000',
  (s: string, at: number) =>
    s ? `${s.slice(0, at % s.length)}\uD800${s.slice((at % s.length) + 1)}` : '\uDC00',
  (s: string) => `${s}\u0000`,
  (s: string) => s + 'x'.repeat(100_000),
);

/** Every path to a string inside a value. */
function stringPaths(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []) {
  if (typeof value === 'string') out.push(path);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value))
      stringPaths(v, [...path, Array.isArray(value) ? Number(k) : k], out);
  return out;
}

function spoilOne(value: unknown, pick: number, spoil: (s: string, at: number) => string): unknown {
  const paths = stringPaths(value);
  const path = paths[pick % Math.max(1, paths.length)];
  if (!path) return value;
  const copy = structuredClone(value);
  if (path.length === 0) return spoil(copy as string, pick);
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  parent[last] = spoil(parent[last] as string, pick);
  return copy;
}

/**
 * `depth` bounds recursion through z.lazy (segment rules nest). A third of the values are valid, a third valid
 * with exactly one string spoiled (NUL, lone surrogate, huge) so the spoiled value reaches the domain code and the
 * database, a third hostile everywhere (wrong types, deep nesting, hostile strings at every leaf).
 */
export function arbitraryFor(schema: unknown, depth = 4): fc.Arbitrary<unknown> {
  const valid = validFor(schema, depth, false);
  return fc.oneof(
    valid,
    fc.tuple(valid, fc.nat(), SPOIL).map(([v, pick, spoil]) => spoilOne(v, pick, spoil)),
    validFor(schema, depth, true),
  );
}

function leafOf(schema: unknown, depth: number, hostile: boolean): fc.Arbitrary<unknown> {
  const valid = validFor(schema, depth, hostile);
  return hostile ? fc.oneof({ weight: 8, arbitrary: valid }, { weight: 1, arbitrary: WRONG_TYPE }) : valid;
}

function validFor(schema: unknown, depth: number, hostile: boolean): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const arbitraryFor = (s: unknown, d: number) => leafOf(s, d, hostile);
  const inner = (key: string) => arbitraryFor(def[key], depth);
  switch (def.type) {
    case 'string':
      return hostile
        ? fc.oneof({ weight: 3, arbitrary: validString(def) }, { weight: 2, arbitrary: HOSTILE_STRING })
        : validString(def);
    case 'number':
      return numberArb(def);
    case 'bigint':
      return fc.bigInt();
    case 'boolean':
      return fc.boolean();
    case 'date':
      return hostile
        ? fc.oneof(fc.date(), fc.constant(new Date(Number.NaN)), fc.constant('not a date'))
        : fc.date({ min: new Date('1950-01-01'), max: new Date('2040-01-01'), noInvalidDate: true });
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'null':
      return fc.constant(null);
    case 'undefined':
    case 'void':
      return fc.constant(undefined);
    case 'optional':
      return fc.option(inner('innerType'), { nil: undefined });
    case 'nullable':
      return fc.option(inner('innerType'), { nil: null });
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return fc.option(inner('innerType'), { nil: undefined });
    case 'pipe':
      return inner('in');
    case 'lazy':
      return depth <= 0 ? fc.constant(null) : arbitraryFor((def.getter as () => unknown)(), depth - 1);
    case 'array':
      return fc.array(inner('element'), { maxLength: 4 });
    case 'tuple':
      return fc.tuple(...(def.items as unknown[]).map((i) => arbitraryFor(i, depth)));
    case 'record':
      return fc.dictionary(
        fc.oneof(fc.string({ maxLength: 8 }), HOSTILE_STRING),
        arbitraryFor(def.valueType, depth),
        { maxKeys: 3 },
      );
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map((o) => arbitraryFor(o, depth)));
    case 'intersection':
      return fc
        .tuple(inner('left'), inner('right'))
        .map(([a, b]) => ({ ...(a as object), ...(b as object) }));
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      const arbs = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, arbitraryFor(v, depth)]));
      const required = Object.keys(shape).filter((k) => defOf(shape[k]).type !== 'optional');
      return fc.record(arbs, { requiredKeys: required });
    }
    default:
      // any, unknown, transform, custom…: anything JSON can carry.
      return fc.jsonValue({ maxDepth: 3 });
  }
}
