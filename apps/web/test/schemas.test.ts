// The console validates forms with schemas that must be the server's own: compare them structurally (JSON Schema).
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProposeCollaborationInput } from '../../node/src/api/collaborations/propose-collaboration.ts';
import { ImportConsentsInput } from '../../node/src/api/consent/import-consents.ts';
import { WithdrawInput } from '../../node/src/api/consent/withdraw.ts';
import { RequestMatchInput } from '../../node/src/api/matches/request-match.ts';
import { PublishNoticeInput } from '../../node/src/api/notices/publish-notice.ts';
import { SetRuleInput } from '../../node/src/api/rules/set-rule.ts';
import { CreateTokenInput } from '../../node/src/api/users/create-token.ts';
import { CreateUserInput } from '../../node/src/api/users/create-user.ts';
import * as forms from '../src/forms.ts';

// Error messages differ on purpose (the console speaks to people); everything else must match.
function shape(schema: z.ZodType) {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
}

const PAIRS: [string, z.ZodType, z.ZodType][] = [
  ['rules.set', forms.SetRuleForm, SetRuleInput],
  ['notices.publish', forms.PublishNoticeForm, PublishNoticeInput],
  ['collaborations.propose', forms.ProposeCollaborationForm, ProposeCollaborationInput],
  ['matches.request', forms.RequestMatchForm, RequestMatchInput],
  ['users.create', forms.CreateUserForm, CreateUserInput],
  ['users.createToken', forms.CreateTokenForm, CreateTokenInput],
  ['consent.withdraw', forms.WithdrawForm, WithdrawInput],
  ['consent.import', forms.ImportConsentsForm, ImportConsentsInput],
];

describe('console form schemas', () => {
  it.each(PAIRS)('%s matches the server input schema', (_name, console, server) => {
    expect(shape(console)).toEqual(shape(server));
  });
});
