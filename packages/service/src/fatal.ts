// Turns a startup failure into one clear line for the operator instead of a stack trace.
import { DatabaseUnavailableError, MigrationError } from '@concord/db';
import { ZodError } from 'zod';

/** A failure the operator can fix (port in use, bad config); its message is the whole story. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** One line per problem, so an operator fixes every setting in one go instead of one per restart. */
export function describeStartupFailure(error: unknown): string {
  if (error instanceof ZodError) {
    return error.issues
      .map((issue) => {
        const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
        return `invalid configuration: ${issue.path.join('.') || 'config'}: ${issue.message}${keys}`;
      })
      .join('\n');
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
    for (const line of describeStartupFailure(error).split('\n'))
      process.stderr.write(`${service}: ${line}\n`);
    if (process.env.CONCORD_DEBUG) console.error(error);
    process.exit(1);
  }
}
