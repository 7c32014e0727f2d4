// sensitive.releases: the current release rule per purpose (which demographic fields may leave, and how).
import { currentReleases } from '../../crm/demographics/release.ts';
import { can } from '../trpc.ts';

export const releases = can('read', 'ConsentRule').query(({ ctx }) => currentReleases(ctx.db));
