// `@concord/node/contract`: the input schemas the console and the CLI validate with before calling the node. Each is
// the procedure's own schema (in the `*.schema.ts` file beside it), so a client can never drift from the server.
// Schema files import nothing but zod and shared packages: this module is bundled into the browser.

export { DIMENSIONS, type Dimension } from '../crm/analytics/vocabulary.ts';
export { ProposeCollaborationInput } from './collaborations/propose-collaboration.schema.ts';
export { ImportConsentsInput } from './consent/import-consents.schema.ts';
export { WithdrawInput } from './consent/withdraw.schema.ts';
export { AddNoteInput, NoteBody } from './customers/add-note.schema.ts';
export {
  CustomerProfileFields,
  SOCIAL_NETWORKS,
  UpdateProfileInput,
} from './customers/update-profile.schema.ts';
export { RequestMatchInput } from './matches/request-match.schema.ts';
export { PublishNoticeInput } from './notices/publish-notice.schema.ts';
export { CreatePrivacyRequestInput } from './privacy/requests/create.schema.ts';
export { ExtendPrivacyRequestInput } from './privacy/requests/extend.schema.ts';
export { RequestChannel, RequestKind } from './privacy/requests/schemas.ts';
export { SetRuleInput } from './rules/set-rule.schema.ts';
export { CreateTokenInput } from './users/create-token.schema.ts';
export { CreateUserInput } from './users/create-user.schema.ts';
export { Password } from './users/schemas.ts';
