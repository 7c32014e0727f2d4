// Validation issues in words: one place that turns a zod issue (code, path, bounds) into a sentence a marketer can
// act on — "Rule 6: choose an attribute" — for the node's error formatter, the console and the CLI alike.

/** The parts of a zod issue the words are built from (what the node sends in `error.data.issues`). */
export interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
  code?: string | undefined;
  origin?: string | undefined;
  format?: string | undefined;
  expected?: string | undefined;
  minimum?: number | bigint | string | undefined;
  maximum?: number | bigint | string | undefined;
}

export interface HumanIssue {
  /** The path joined with dots ("rule.rules.5.key"), as forms key their fields. */
  key: string;
  /** Where, in words: "Rule 6", "Name", "" for the whole request. */
  where: string;
  /** What to do, starting lower-case unless it is a sentence of its own: "choose an attribute". */
  what: string;
  /** `where: what`, capitalised, for a banner or a terminal. */
  text: string;
}

/** Field names in words, with what to do when one is missing. */
const FIELDS: Record<string, { noun: string; missing: string }> = {
  key: { noun: 'attribute', missing: 'choose an attribute' },
  value: { noun: 'value', missing: 'enter a value' },
  values: { noun: 'values', missing: 'choose at least one value' },
  number: { noun: 'number', missing: 'enter a number' },
  category: { noun: 'category', missing: 'choose a category' },
  product: { noun: 'product', missing: 'choose a product' },
  channel: { noun: 'channel', missing: 'choose a channel' },
  outcome: { noun: 'outcome', missing: 'choose an outcome' },
  field: { noun: 'field', missing: 'choose a field' },
  op: { noun: 'comparison', missing: 'choose a comparison' },
  withinDays: { noun: 'number of days', missing: 'enter a number of days' },
  count: { noun: 'number of purchases', missing: 'enter a number of purchases' },
  total: { noun: 'amount', missing: 'enter an amount' },
  rules: { noun: 'conditions', missing: 'add at least one condition' },
  name: { noun: 'name', missing: 'enter a name' },
  description: { noun: 'description', missing: 'enter a description' },
  email: { noun: 'email address', missing: 'enter an email address' },
  password: { noun: 'password', missing: 'enter a password' },
  id: { noun: 'id', missing: 'give an id' },
};

const isIndex = (p: PropertyKey | undefined) =>
  typeof p === 'number' || (typeof p === 'string' && /^\d+$/.test(p));

/** "rule.rules.1.rules.4.key" → "Rule 2.5"; other paths → their last named segment in words ("Partner ids"). */
export function whereOf(path: readonly PropertyKey[]): string {
  const rule: number[] = [];
  for (let i = 0; i < path.length; i++) {
    if (path[i] === 'rules' && isIndex(path[i + 1])) rule.push(Number(path[i + 1]) + 1);
  }
  if (path[0] === 'rule' || path[0] === 'patch') {
    if (rule.length > 0) return `Rule ${rule.join('.')}`;
    if (path[0] === 'rule') return 'Rule';
  }
  const named = [...path].reverse().find((p) => typeof p === 'string' && !isIndex(p)) as string | undefined;
  if (named === undefined) return '';
  const words = FIELDS[named]?.noun ?? named.replace(/([a-z])([A-Z])/g, '$1 $2').replaceAll('_', ' ');
  const item = path.length > 0 && isIndex(path[path.length - 1]) ? ` ${Number(path.at(-1)) + 1}` : '';
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}${item}`;
}

/** zod's own default messages start like this; anything else is a message written for people already. */
const ZOD_DEFAULT =
  /^(Invalid|Too (small|big)|Expected|Unrecognized|Required|Number must|String must|Array must)/;

function bound(v: IssueLike['minimum']): string {
  return typeof v === 'bigint' ? v.toString() : String(v);
}

function what(issue: IssueLike, field: string | undefined): string {
  const f = field ? FIELDS[field] : undefined;
  const noun = f?.noun ?? 'value';
  const custom = issue.code === 'custom' || !ZOD_DEFAULT.test(issue.message);
  if (custom) return issue.message;
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return f?.missing ?? 'fill this in';
      if (issue.origin === 'string') return `use at least ${bound(issue.minimum)} characters`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return Number(issue.minimum) <= 1
          ? (f?.missing ?? 'choose at least one')
          : `choose at least ${bound(issue.minimum)}`;
      return `the ${noun} must be at least ${bound(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string') return `too long — at most ${bound(issue.maximum)} characters`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `at most ${bound(issue.maximum)} allowed`;
      return `the ${noun} must be at most ${bound(issue.maximum)}`;
    case 'invalid_format':
      if (issue.format === 'uuid' || issue.format === 'guid') return `this ${noun} is malformed`;
      if (issue.format === 'email') return 'enter a valid email address';
      if (issue.format === 'datetime' || issue.format === 'date') return 'enter a valid date';
      return `this ${noun} is not in the expected format`;
    case 'invalid_type':
      if (issue.message.includes('received undefined')) return f?.missing ?? 'fill this in';
      if (issue.expected === 'number' || issue.expected === 'int') return `enter a number`;
      if (issue.expected === 'date') return 'enter a valid date';
      return `this ${noun} has the wrong kind of value`;
    case 'invalid_value':
    case 'invalid_union':
    case 'invalid_enum_value':
      return `choose one of the offered ${noun === 'value' ? 'options' : `${noun}s`}`;
    case 'unrecognized_keys':
      return 'contains a field the node does not know';
    case 'not_multiple_of':
      return `the ${noun} must be a whole number`;
    default:
      return `this ${noun} is not valid`;
  }
}

export function humanizeIssue(issue: IssueLike): HumanIssue {
  const field = [...issue.path].reverse().find((p) => typeof p === 'string' && !isIndex(p)) as
    | string
    | undefined;
  const where = whereOf(issue.path);
  const w = what(issue, field);
  const sentence = where ? `${where}: ${w}` : w;
  return {
    key: issue.path.map(String).join('.'),
    where,
    what: w,
    text: `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}`,
  };
}

/** One line for a banner or a terminal: the first issue, plus how many more. */
export function summarizeIssues(issues: readonly IssueLike[]): string {
  if (issues.length === 0) return 'the request is not valid';
  const first = humanizeIssue(issues[0]!).text;
  return issues.length === 1 ? first : `${first} (and ${issues.length - 1} more)`;
}

/** True when a message looks like serialized JSON (an object or an array of objects) rather than words. */
export function looksLikeJson(message: string): boolean {
  const s = message.trim();
  return /^[[{]/.test(s) && /[}\]]$/.test(s) && /"\s*:/.test(s);
}
