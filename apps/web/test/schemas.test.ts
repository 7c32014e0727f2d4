// The console validates forms with the server's own input schemas: the very same objects, not structural copies.
import {
  CreatePrivacyRequestInput,
  CreateTokenInput,
  CreateUserInput,
  ProposeCollaborationInput,
  PublishNoticeInput,
  RequestMatchInput,
  SetRuleInput,
} from '@concord/node/contract';
import { describe, expect, it } from 'vitest';
import * as forms from '../src/forms.ts';

const PAIRS: [string, unknown, unknown][] = [
  ['rules.set', forms.SetRuleForm, SetRuleInput],
  ['notices.publish', forms.PublishNoticeForm, PublishNoticeInput],
  ['collaborations.propose', forms.ProposeCollaborationForm, ProposeCollaborationInput],
  ['matches.request', forms.RequestMatchForm, RequestMatchInput],
  ['users.create', forms.CreateUserForm, CreateUserInput],
  ['users.createToken', forms.CreateTokenForm, CreateTokenInput],
  ['privacy.requests.create', forms.LogRequestForm, CreatePrivacyRequestInput],
];

describe('console form schemas', () => {
  it.each(PAIRS)('%s is the server input schema itself', (_name, console, server) => {
    expect(console).toBe(server);
  });

  it('keeps the human messages people see in the console', () => {
    const r = forms.SetRuleForm.safeParse({
      purpose: 'marketing',
      allowedIndustries: [],
      maxConsentAgeDays: null,
      kMin: 5,
      listsAllowed: true,
      retentionDays: 30,
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toContain('Choose at least one industry');
  });
});
