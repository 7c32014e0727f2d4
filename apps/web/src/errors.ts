// Turns what the node returns on failure (error.data.concordCode) into words a marketer or officer understands.
import type { ErrorCode } from '@concord/protocol/errors';
import { humanizeIssue, type IssueLike, looksLikeJson, summarizeIssues } from '@concord/protocol/humanize';

const WORDS: Record<ErrorCode, { title: string; hint: string }> = {
  BAD_INPUT: { title: 'Some fields need attention', hint: 'Check the highlighted values and try again.' },
  UNAUTHENTICATED: { title: 'You are signed out', hint: 'Sign in again to continue.' },
  FORBIDDEN: {
    title: 'Not allowed for your role',
    hint: 'Ask an administrator if you need this permission.',
  },
  NOT_FOUND: { title: 'Not found', hint: 'It may have been removed, or it is not visible to you.' },
  CONFLICT: {
    title: 'That conflicts with the current state',
    hint: 'Someone may have changed it already; refresh and try again.',
  },
  IDEMPOTENCY_MISMATCH: {
    title: 'Duplicate request with different content',
    hint: 'Refresh the page before retrying.',
  },
  CROSS_SITE_REFUSED: {
    title: 'Request refused',
    hint: 'The node only accepts changes made from its own console; reload the page.',
  },
  METHOD_NOT_ALLOWED: { title: 'Request refused', hint: 'Reload the page; the console may be out of date.' },
  PAYLOAD_TOO_LARGE: { title: 'Too large', hint: 'Send less at once, or split the file.' },
  UNSUPPORTED_MEDIA_TYPE: {
    title: 'Request refused',
    hint: 'Reload the page; the console may be out of date.',
  },
  RATE_LIMITED: { title: 'Too many attempts', hint: 'Wait a little before trying again.' },
  CONSENT_MISSING: {
    title: 'No consent covers this',
    hint: 'The customer has not agreed to this purpose and recipient.',
  },
  COLLABORATION_INACTIVE: {
    title: 'The collaboration is not active',
    hint: 'It is waiting for approval, suspended, or expired.',
  },
  POLICY_REFUSED: {
    title: "The collaboration's policy does not allow this",
    hint: 'Choose another output kind or purpose, or ask compliance to change the policy.',
  },
  BELOW_THRESHOLD: {
    title: 'Below the privacy threshold',
    hint: 'The result would be too small to release without identifying people.',
  },
  BUDGET_EXHAUSTED: {
    title: 'Privacy budget used up',
    hint: 'This collaboration allows no more overlap questions for now.',
  },
  EXPIRED: { title: 'This has expired', hint: 'Request or publish it again.' },
  BAD_BATCH: { title: 'The upload was malformed', hint: 'Try the upload again.' },
  ALREADY_ISSUED: {
    title: 'Already issued',
    hint: 'A secret is shown only once and never stored; rotate it to get a new one.',
  },
  UNAVAILABLE: {
    title: 'A service is unreachable',
    hint: 'The database or the clean room did not answer; try again shortly.',
  },
  INTERNAL: { title: 'Something went wrong on the node', hint: 'It has been logged; try again.' },
};

/** A screen opened with an id that is not an id at all (a mistyped or truncated address). */
const MALFORMED_LINK = {
  title: 'This link is malformed',
  hint: 'The address does not name a valid record; open it again from its list.',
};

/** An issue about the one id a screen was opened with (`id`, `customerId`, …) not being a uuid. */
const isMalformedId = (i: IssueLike) =>
  i.path.length === 1 &&
  /^(id|[a-z]+Id)$/.test(String(i.path[0])) &&
  (i.format === 'uuid' || i.format === 'guid');

export interface ErrorInfo {
  code: ErrorCode | 'NETWORK';
  title: string;
  hint: string;
  message: string;
  /** Field path → message, from zod issues the server returned (in words, never zod's JSON). */
  fields: Record<string, string>;
  /** The same issues as whole sentences ("Rule 6: choose an attribute"), for a summary under the form. */
  sentences: string[];
}

const cap = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}`;

/** Field path → words, for a form showing each message beside its field (client or server issues alike). */
export function fieldMessages(issues: readonly IssueLike[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const h = humanizeIssue(issue);
    fields[h.key || 'form'] ??= cap(h.what);
  }
  return fields;
}

/** A message fit to show: words as they are; anything that looks like JSON replaced by the issues in words. */
function wordsOnly(message: string | undefined, issues: readonly IssueLike[]): string {
  if (!message) return '';
  if (!looksLikeJson(message)) return message;
  if (issues.length > 0) return summarizeIssues(issues);
  try {
    const parsed = JSON.parse(message) as unknown;
    if (Array.isArray(parsed)) return summarizeIssues(parsed as IssueLike[]);
  } catch {
    // not JSON after all
  }
  return '';
}

interface ErrorLike {
  message?: string;
  data?: {
    concordCode?: string;
    issues?: IssueLike[];
    /** A domain refusal about one field (e.g. the password policy) names it here. */
    details?: { field?: string };
  } | null;
}

export function describeError(error: unknown): ErrorInfo {
  const e = (error ?? {}) as ErrorLike;
  const code = e.data?.concordCode as ErrorCode | undefined;
  if (!code || !(code in WORDS)) {
    return {
      code: 'NETWORK',
      title: 'Cannot reach the node',
      hint: 'Check your connection; the node may be restarting.',
      message: wordsOnly(e.message ?? String(error), []),
      fields: {},
      sentences: [],
    };
  }
  const issues = e.data?.issues ?? [];
  if (code === 'BAD_INPUT' && issues.length > 0 && issues.every(isMalformedId))
    return { code, ...MALFORMED_LINK, message: '', fields: {}, sentences: [] };
  const fields = fieldMessages(issues);
  const message = wordsOnly(e.message, issues);
  const field = e.data?.details?.field;
  if (field && message) fields[field] = cap(message);
  return { code, ...WORDS[code], message, fields, sentences: issues.map((i) => humanizeIssue(i).text) };
}

/** Whether the error names form fields (shown beside them, so no separate note is needed). */
export function hasFieldErrors(error: unknown): boolean {
  return Object.keys(describeError(error).fields).length > 0;
}

export function errorCode(error: unknown): string | undefined {
  return (error as ErrorLike | null)?.data?.concordCode;
}
