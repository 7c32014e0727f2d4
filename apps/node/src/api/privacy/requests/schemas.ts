// Zod schemas shared by the privacy.requests.* procedures.
import { isKnownPurpose } from '@concord/consent/purposes';
import { z } from 'zod';

export const RequestKind = z.enum(['withdrawal', 'erasure', 'objection', 'access']);
/** Asked of whoever logs the request: there is no default. */
export const RequestChannel = z.enum(['email', 'letter', 'phone', 'web_form', 'in_person', 'app', 'other']);
export const RequestStatus = z.enum(['open', 'waiting_propagation', 'completed']);
export const RequestId = z.object({ id: z.string().uuid() });
export const Purpose = z.string().refine(isKnownPurpose, 'unknown purpose');
