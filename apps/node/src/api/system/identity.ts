// system.identity: the node's public identity (name, industry, X25519 public key) for the clean-room operator.
// Public on purpose: a public key and a company name are what the operator needs to register the partner.
import { z } from 'zod';
import { ensureNodeKey, storageKeyFor } from '../../collab/node-key.ts';
import { publicProcedure } from '../trpc.ts';

export const IdentityOutput = z.object({ name: z.string(), industry: z.string(), publicKey: z.string() });

export const identity = publicProcedure.output(IdentityOutput).query(async ({ ctx }) => {
  const key = await ensureNodeKey(ctx.db, storageKeyFor(ctx.config));
  return {
    name: ctx.config.name,
    industry: ctx.config.industry,
    publicKey: Buffer.from(key.publicKey).toString('base64url'),
  };
});
