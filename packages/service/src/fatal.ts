// Turns a startup failure into one clear line for the operator instead of a stack trace.
import { DatabaseUnavailableError, MigrationError } from '@concord/db';
import { ZodError } from 'zod';

/** A failure the operator can fix (port in use, bad config); its message is the whole story. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

export function describeStartupFailure(error: unknown): string {
  if (error instanceof ZodError) {
    const issue = error.issues[0];
    const where = issue?.path.join('.') || 'config';
    return `invalid configuration: ${where}: ${issue?.message ?? 'invalid'}`;
  }
  if (
    error instanceof StartupError ||
    error instanceof DatabaseUnavailableError ||
    error instanceof MigrationError
  ) {
    return error.message;
  }
  return `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}

/** Runs a service's main; on failure prints `service: reason` on one line and exits 1. */
export async function runMain(service: string, main: () => Promise<unknown>): Promise<void> {
  try {
    await main();
  } catch (error) {
    process.stderr.write(`${service}: ${describeStartupFailure(error)}\n`);
    if (process.env.CONCORD_DEBUG) console.error(error);
    process.exit(1);
  }
}
