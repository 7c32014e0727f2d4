// Test helper shared by every workspace's tests: the Concord error code a call settles with, or 'OK'.
import type { ErrorCode } from '@concord/protocol/errors';
import { concordCodeOf } from './trpc.ts';

/** 'OK' when `p` resolves; else its Concord code (a ConcordError, a tRPC error or a client error's data), if any. */
export async function codeOf(p: Promise<unknown>): Promise<ErrorCode | 'OK' | undefined> {
  try {
    await p;
    return 'OK';
  } catch (error) {
    return concordCodeOf(error);
  }
}
