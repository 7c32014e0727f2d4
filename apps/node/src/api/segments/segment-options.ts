// segments.options: what the segment builder's pickers offer, from this node's own data.
import { segmentOptions } from '../../crm/segments/options.ts';
import { can } from '../trpc.ts';

export const options = can('read', 'Segment').query(({ ctx }) => segmentOptions(ctx.db));
