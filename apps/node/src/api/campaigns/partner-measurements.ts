// campaigns.partnerMeasurements: measurements of campaigns other partners ran on lists our data enabled.
import { z } from 'zod';
import { federationDeps } from '../../collab/deps.ts';
import { can } from '../trpc.ts';

export const PartnerMeasurementsInput = z
  .object({ collaborationId: z.string().uuid().optional() })
  .default({});

export const partnerMeasurements = can('read', 'Campaign')
  .input(PartnerMeasurementsInput)
  .query(async ({ ctx, input }) => {
    const deps = federationDeps(ctx);
    const [{ measurements }, { partner }] = await Promise.all([
      deps.cleanroom.listMeasurements(
        input.collaborationId ? { collaborationId: input.collaborationId } : {},
      ),
      deps.cleanroom.whoami(),
    ]);
    return measurements.filter((m) => m.enablerIds.includes(partner.id));
  });
