// The console's form schemas are the node procedures' own input schemas (`@concord/node/contract`), human messages
// included: one definition, so a form can never accept what the server rejects or the reverse.
import {
  CreatePrivacyRequestInput,
  CreateTokenInput,
  CreateUserInput,
  ExtendPrivacyRequestInput,
  Password,
  ProposeCollaborationInput,
  PublishNoticeInput,
  RequestChannel,
  RequestKind,
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

/** Logging a data-subject request (privacy.requests.create): the channel is asked, erasure needs a reference. */
export const LogRequestForm = CreatePrivacyRequestInput;
/** The extension dialog asks only for the reason (privacy.requests.extend). */
export const ExtendRequestForm = ExtendPrivacyRequestInput.pick({ reason: true });
export const REQUEST_KINDS = RequestKind.options;
export const REQUEST_CHANNELS = RequestChannel.options;
