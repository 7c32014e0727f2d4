// Validation issues in words: the sentences the console and the CLI show instead of zod's JSON.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { humanizeIssue, looksLikeJson, summarizeIssues, whereOf } from '../src/humanize.ts';

const issuesOf = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected a failure');
  return r.error.issues;
};

describe('humanize', () => {
  it('names rules by position, nested groups with dots', () => {
    expect(whereOf(['rule', 'rules', 5, 'key'])).toBe('Rule 6');
    expect(whereOf(['rule', 'rules', 1, 'rules', 4, 'value'])).toBe('Rule 2.5');
    expect(whereOf(['patch', 'rule', 'rules', 0, 'rule', 'category'])).toBe('Rule 1');
    expect(whereOf(['patch', 'name'])).toBe('Name');
    expect(whereOf(['partnerIds', 2])).toBe('Partner Ids 3');
  });

  it('words the common zod failures', () => {
    const key = issuesOf(z.object({ key: z.string().min(1) }), { key: '' })[0]!;
    expect(humanizeIssue({ ...key, path: ['rule', 'rules', 5, 'key'] }).text).toBe(
      'Rule 6: choose an attribute',
    );
    const long = issuesOf(z.object({ name: z.string().max(120) }), { name: 'x'.repeat(121) });
    expect(summarizeIssues(long)).toBe('Name: too long — at most 120 characters');
    const id = issuesOf(z.object({ id: z.uuid() }), { id: 'not-an-id' });
    expect(summarizeIssues(id)).toBe('Id: this id is malformed');
    const missing = issuesOf(z.object({ name: z.string() }), {});
    expect(summarizeIssues(missing)).toBe('Name: enter a name');
  });

  it('keeps messages written for people and counts the rest', () => {
    const custom = issuesOf(z.object({ name: z.string().min(1, 'Name the segment') }), { name: '' });
    expect(summarizeIssues([...custom, ...custom])).toBe('Name: Name the segment (and 1 more)');
  });

  it('recognises JSON-looking text', () => {
    expect(looksLikeJson('[ { "origin": "string", "code": "too_small" } ]')).toBe(true);
    expect(looksLikeJson('{"a":1}')).toBe(true);
    expect(looksLikeJson('Rule 6: choose an attribute')).toBe(false);
    expect(looksLikeJson('[draft] offer')).toBe(false);
  });
});
