// system.info: what protocol version this clean room speaks, so nodes can refuse a mismatch early.
import { PROTOCOL_VERSION } from '@concord/protocol';
import { z } from 'zod';
import { publicProcedure } from '../trpc.ts';

export const InfoOutput = z.object({
  service: z.literal('concord-cleanroom'),
  protocolVersion: z.number().int(),
});

export const info = publicProcedure.output(InfoOutput).query(() => ({
  service: 'concord-cleanroom' as const,
  protocolVersion: PROTOCOL_VERSION,
}));
