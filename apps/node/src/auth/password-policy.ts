// What a password must be beyond its length: not one of the most common passwords (or one with digits tacked on),
// not trivial (one character repeated, a short pattern repeated, a run along the alphabet, digits or keyboard).
import { readFileSync } from 'node:fs';
import { ConcordError } from '@concord/protocol/errors';

export const MIN_PASSWORD_LENGTH = 10;

const COMMON = new Set(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#')),
);

/** Runs a trivial password may be a piece of, forwards or backwards. */
const RUNS = [
  '01234567890',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  'qwertzuiop',
];

function isRun(s: string): boolean {
  const reversed = [...s].reverse().join('');
  return RUNS.some((run) => run.includes(s) || run.includes(reversed));
}

/** The reason a password is refused, or null when it is acceptable. `email` rules out the user's own name. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `must have at least ${MIN_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  const stem = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (COMMON.has(lower) || (stem.length >= 3 && COMMON.has(stem)))
    return 'is one of the most common passwords';
  if (new Set(lower).size < 4) return 'uses too few different characters';
  if (/^(.{1,5})\1+.{0,4}$/su.test(lower)) return 'is a short pattern repeated';
  if (isRun(lower) || isRun(stem)) return 'is a run of letters, digits or keys';
  const name = email?.split('@')[0]?.toLowerCase();
  if (name && name.length >= 4 && lower.includes(name)) return 'contains the email address';
  return null;
}

/** Throws BAD_INPUT with the reason (naming the form `field`) when the password does not meet the policy. */
export function assertPasswordPolicy(password: string, email?: string, field = 'password'): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new ConcordError('BAD_INPUT', `password ${problem}`, { field });
}
