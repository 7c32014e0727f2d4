// Canonical JSON for hashing: sorted keys at every level, Dates as ISO strings, undefined dropped.

function normalize(value: unknown): unknown {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : normalize(v)));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value as object).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = normalize(v);
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value))
    throw new Error('audit data must not hold NaN/Infinity');
  return value;
}

/** Deterministic JSON: the same logical value always gives the same string (and survives a jsonb round trip). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalize(value));
}
