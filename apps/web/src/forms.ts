// The console's form schemas are the node procedures' own input schemas (`@concord/node/contract`), human messages
// included: one definition, so a form can never accept what the server rejects or the reverse.
import {
  CreateTokenInput,
  CreateUserInput,
  Password,
  ProposeCollaborationInput,
  PublishNoticeInput,
  RequestMatchInput,
  SetRuleInput,
} from '@concord/node/contract';
import { z } from 'zod';

export const SetRuleForm = SetRuleInput;
export const PublishNoticeForm = PublishNoticeInput;
export const ProposeCollaborationForm = ProposeCollaborationInput;
export const RequestMatchForm = RequestMatchInput;
export const CreateUserForm = CreateUserInput;
export const CreateTokenForm = CreateTokenInput;
/** users.update's password field, alone: the reset dialog asks for nothing else. */
export const ResetPasswordForm = z.object({ password: Password });
