// `concord api PROCEDURE`: every node procedure, for what no dedicated command covers. The procedure list and each
// one's kind (query or mutation) come from the node's router itself; the node validates the input.
import { existsSync, readFileSync } from 'node:fs';
import { type Command, type CommandGroup, UsageError } from '../framework.ts';
import { nodeApiByPath } from '../trpc.ts';

export type ProcedureKind = 'query' | 'mutation' | 'subscription';

/** Every procedure of the node's router with its kind, sorted by path (loaded on first use: it is large). */
export async function nodeProcedures(): Promise<Map<string, ProcedureKind>> {
  const { appRouter } = await import('@concord/node/router');
  // At run time the table is flat: one entry per dotted path.
  const procedures = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: ProcedureKind } }
  >;
  return new Map(
    Object.keys(procedures)
      .sort()
      .map((path) => [path, procedures[path]!._def.type]),
  );
}

/** `--input '{"id":"…"}'` or `--input @file.json`; no input is `undefined`. */
function parseInput(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  let text = value;
  if (value.startsWith('@')) {
    const file = value.slice(1);
    if (!existsSync(file)) throw new UsageError(`--input ${value}: no such file`);
    text = readFileSync(file, 'utf8');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--input is not JSON: ${(error as Error).message}`);
  }
}

const apiCommand: Command = {
  summary: 'Call any node procedure by name (see --list); prints its result as JSON',
  args: [{ name: 'PROCEDURE', description: 'e.g. customers.list (see --list)', optional: true }],
  options: {
    input: {
      type: 'string',
      valueName: 'JSON|@FILE',
      description: 'the input as JSON, or @file.json (inputs: docs/api.md)',
    },
    list: { type: 'boolean', description: 'list every procedure with its kind (query or mutation)' },
  },
  details:
    'Examples:\n' +
    '  concord api --list\n' +
    '  concord api customers.list --input \'{"search":"K-100"}\'\n' +
    '  concord api segments.create --input @segment.json\n' +
    'Exit codes: 0 done, 1 the node refused the call or could not be reached (message and code on stderr),\n' +
    '2 usage (unknown procedure, input not JSON).',
  run: async (ctx) => {
    const procedures = await nodeProcedures();
    if (ctx.options.list) {
      for (const [path, kind] of procedures) ctx.io.stdout.write(`${kind.padEnd(8)}  ${path}\n`);
      return 0;
    }
    const path = ctx.args[0];
    if (!path) throw new UsageError('name a procedure, or --list to see them');
    const kind = procedures.get(path);
    if (!kind) throw new UsageError(`the node has no procedure "${path}" (see \`concord api --list\`)`);
    if (kind === 'subscription') throw new UsageError(`${path} is a subscription; the CLI cannot follow it`);
    const input = parseInput(ctx.options.input);
    const client = nodeApiByPath(ctx);
    const result = kind === 'query' ? await client.query(path, input) : await client.mutation(path, input);
    ctx.io.stdout.write(`${JSON.stringify(result ?? null, null, 2)}\n`);
    return 0;
  },
};

export const apiGroup: CommandGroup = {
  name: 'api',
  summary: 'Call any node procedure by name: `concord api --list`, `concord api PROCEDURE --input JSON`',
  commands: {},
  single: apiCommand,
};
