// Test helper: the Concord error code a call settles with, or 'OK' when it succeeds.
import type { ErrorCode } from '@concord/protocol/errors';
import { concordCodeOf } from '@concord/service/trpc';

export async function codeOf(p: Promise<unknown>): Promise<ErrorCode | 'OK' | undefined> {
  try {
    await p;
    return 'OK';
  } catch (error) {
    return concordCodeOf(error);
  }
}
