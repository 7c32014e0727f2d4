// The clean room operator's connection: target URL and token options, output, and one-line error reporting.
import { createOperatorClient, type OperatorClient } from '@concord/protocol/client';
import { ConcordError } from '@concord/protocol/errors';
import type { CommandContext, OptionSpec } from './framework.ts';
import { UsageError } from './framework.ts';

export const TARGET: Record<string, OptionSpec> = {
  cleanroom: {
    type: 'string',
    valueName: 'URL',
    description: 'clean room base URL (default $CONCORD_CLEANROOM_URL or http://127.0.0.1:4000)',
  },
  'operator-token': {
    type: 'string',
    valueName: 'TOKEN',
    description: 'operator token (default $CONCORD_OPERATOR_TOKEN)',
  },
  json: { type: 'boolean', description: 'print JSON' },
};

export function operator(ctx: CommandContext): OperatorClient {
  const baseUrl =
    (ctx.options.cleanroom as string | undefined) ??
    ctx.io.env.CONCORD_CLEANROOM_URL ??
    'http://127.0.0.1:4000';
  const operatorToken =
    (ctx.options['operator-token'] as string | undefined) ?? ctx.io.env.CONCORD_OPERATOR_TOKEN;
  if (!operatorToken)
    throw new UsageError('the operator token is required (--operator-token or $CONCORD_OPERATOR_TOKEN)');
  return createOperatorClient({ baseUrl, operatorToken });
}

export function out(ctx: CommandContext, value: unknown, text: string): void {
  ctx.io.stdout.write(ctx.options.json ? `${JSON.stringify(value)}\n` : `${text}\n`);
}

/** Runs an operator call, turning a ConcordError into one line with its code. */
export async function attempt(ctx: CommandContext, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ConcordError) {
      const issues = (error.details?.issues as { path: unknown[]; message: string }[] | undefined) ?? [];
      const why = issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
      ctx.io.stderr.write(`concord cleanroom: ${error.code}: ${error.message}${why ? ` (${why})` : ''}\n`);
      return 1;
    }
    throw error;
  }
}
