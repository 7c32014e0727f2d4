// Shared zod building blocks of the node <-> clean room contract (ids, encodings, timestamps, purposes).
import { z } from 'zod';

/** Database-generated ids (partners, collaborations, publications, versions, matches, lists). */
export const Id = z.uuid();

/** Unpadded base64url (keys, nonces, ciphertext). */
export const Base64Url = z.string().regex(/^[A-Za-z0-9_-]*$/, 'expected unpadded base64url');

/** An X25519 public key: 32 bytes as unpadded base64url (43 chars). */
export const PublicKey = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'expected a 32-byte base64url key');

/** An opaque per-publication member id chosen by the node: 16 bytes as 32 lowercase hex chars. */
export const MemberIdHex = z.string().regex(/^[0-9a-f]{32}$/, 'expected 32 lowercase hex chars');

/** ISO-8601 timestamp with offset, as produced by Date.toISOString(). */
export const Timestamp = z.iso.datetime({ offset: true });

/** Dotted purpose from the consent taxonomy, e.g. `marketing.cross_sell.partner_offers`. */
export const Purpose = z
  .string()
  .max(120)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, 'expected a dotted lowercase purpose');

/** Industry slug, e.g. `retail`, `insurance`. */
export const Industry = z
  .string()
  .min(2)
  .max(60)
  .regex(/^[a-z][a-z0-9_-]*$/);

export const Name = z.string().trim().min(1).max(120);
export const Description = z.string().max(2000);

/** Where a page of results continues; `null` when there is no more. */
export const Cursor = z.string().max(200).nullable();
