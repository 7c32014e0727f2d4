// The one error serializer for every log line: keeps what tells an operator what failed (type, codes, schema
// names, stack frames) and never a value. Postgres and PGlite errors carry the offending values in `detail`,
// `where`, `hint`, `internalQuery`, `params` (PGlite) and, quoted, in `message`; none of that reaches a log.

/** Error fields that hold only codes or schema identifiers, never data. */
const SAFE_FIELDS = ['code', 'severity', 'routine', 'schema', 'table', 'column', 'constraint', 'dataType'];
/** Fields that carry values (Postgres, PGlite, our `details`): shown as present, never their content. */
const VALUE_FIELDS = ['detail', 'where', 'hint', 'internalQuery', 'query', 'params', 'details'];
const IDENT = /^[A-Za-z0-9_.$-]{1,80}$/;
const MAX_DEPTH = 4;

/**
 * Removes values from an error message. Postgres quotes every value it reports (`invalid input syntax for type
 * uuid: "…"`), and our own code quotes values it interpolates (STYLE: `unknown region "${r}"`); byte dumps
 * (`0x00 0xe2`), numbers and `(key)=(value)` pairs go too. Long messages are cut.
 */
export function scrubMessage(message: string): string {
  return message
    .replace(/"(?:[^"\\]|\\.)*"?/gs, '"…"')
    .replace(/'(?:[^'\\]|\\.)*'?/gs, "'…'")
    .replace(/`[^`]*`?/gs, '`…`')
    .replace(/\([^()]*\)=\([^()]*\)/g, '(…)=(…)')
    .replace(/0x[0-9a-f]+/gi, '0x…')
    .replace(/\d{3,}/g, '#')
    .slice(0, 300);
}

/** The stack's frames only: its first lines repeat the message. */
function framesOf(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  const at = stack.indexOf('\n    at ');
  return at < 0 ? undefined : stack.slice(at + 1);
}

/** Serializes anything thrown into a log-safe object (pino `serializers.err`). */
export function safeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: error === null ? 'null' : typeof error };
  const out: Record<string, unknown> = { type: error.name || error.constructor?.name || 'Error' };
  out.message = scrubMessage(error.message ?? '');
  const fields = error as unknown as Record<string, unknown>;
  for (const field of SAFE_FIELDS) {
    const v = fields[field];
    if ((typeof v === 'string' && IDENT.test(v)) || typeof v === 'number') out[field] = v;
  }
  for (const field of VALUE_FIELDS) if (fields[field] !== undefined) out[field] = '[redacted]';
  const frames = framesOf(error.stack);
  if (frames) out.stack = frames;
  if (depth < MAX_DEPTH && error.cause !== undefined) out.cause = safeError(error.cause, depth + 1);
  if (depth < MAX_DEPTH && error instanceof AggregateError) {
    out.errors = error.errors.slice(0, 5).map((e) => safeError(e, depth + 1));
  }
  return out;
}
