// customers.serviceDesk: what a service agent needs on a call — products owned, open and past cases per product,
// and how cases with the same product ended elsewhere (counts only). Cases are interactions (interactions.*).
import { z } from 'zod';
import { getCustomer } from '../../crm/customers/customers.ts';
import { serviceDesk as serviceDeskView } from '../../crm/customers/service-desk.ts';
import { can } from '../trpc.ts';

export const ServiceDeskInput = z.object({ customerId: z.uuid() });

export const serviceDesk = can('read', 'Interaction')
  .input(ServiceDeskInput)
  .query(async ({ ctx, input }) => {
    await getCustomer(ctx.db, input.customerId);
    return serviceDeskView(ctx.db, input.customerId);
  });
