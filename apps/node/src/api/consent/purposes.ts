// consent.purposes: the purpose taxonomy, for forms and the publisher.
import { PURPOSES } from '@concord/consent/purposes';
import { can } from '../trpc.ts';

export const purposes = can('read', 'Consent').query(() => PURPOSES);
