// The CLI framework: command groups, option parsing, generated --help at every level, and dispatch.
import { parseArgs } from 'node:util';
import { type IssueLike, looksLikeJson, summarizeIssues } from '@concord/protocol/humanize';
import { describeCallError } from './trpc.ts';

export interface Io {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: Record<string, string | undefined>;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  description: string;
  /** Shown in help as `--name <value>`. */
  valueName?: string;
}

export interface CommandContext {
  args: string[];
  options: Record<string, string | boolean | undefined>;
  io: Io;
}

export interface Command {
  summary: string;
  /** Positional arguments, e.g. `FILE`. */
  args?: Array<{
    name: string;
    description: string;
    optional?: boolean /** Last only: takes the rest. */;
    variadic?: boolean;
  }>;
  options?: Record<string, OptionSpec>;
  /** Extra help text (examples). */
  details?: string;
  /** Returns the process exit code. */
  run(ctx: CommandContext): Promise<number>;
}

export interface CommandGroup {
  name: string;
  summary: string;
  commands: Record<string, Command>;
  /** A group that is itself one command (`concord api …`): everything after its name is that command's. */
  single?: Command;
}

/** Options every command understands. */
export const GLOBAL_OPTIONS: Record<string, OptionSpec> = {
  node: {
    type: 'string',
    valueName: 'URL',
    description:
      'node URL, or the key/name of a node `pnpm start` runs (default $CONCORD_NODE_URL or http://127.0.0.1:4101)',
  },
  token: { type: 'string', valueName: 'TOKEN', description: 'API token (default $CONCORD_TOKEN)' },
  help: { type: 'boolean', short: 'h', description: 'show help' },
};

/**
 * Every message the CLI prints about a failure goes through here: words pass unchanged, anything that looks like
 * serialized JSON (zod issues from an older node, a raw body) is put into words or replaced by a plain sentence.
 */
export function humanMessage(message: string): string {
  if (!looksLikeJson(message)) return message;
  try {
    const parsed = JSON.parse(message) as unknown;
    if (Array.isArray(parsed) && parsed.every((i) => i && typeof i === 'object' && 'path' in i))
      return summarizeIssues(parsed as IssueLike[]);
  } catch {
    // not JSON after all
  }
  return 'the node refused the request (no readable reason given)';
}

/** Exit code of an import that completed but rejected rows (0 = all rows in, 1 = failed, 2 = usage). */
export const REJECTED_ROWS_EXIT = 3;

/** A usage error: printed with a hint to --help, exit code 2. */
export class UsageError extends Error {}

export function topHelp(groups: CommandGroup[]): string {
  const width = Math.max(...groups.map((g) => g.name.length));
  return [
    'Usage: concord <group> <command> [arguments] [options]',
    '',
    'Administration CLI for a Concord node (talks HTTP to the node).',
    '',
    'Groups:',
    ...groups.map((g) => `  ${g.name.padEnd(width)}  ${g.summary}`),
    '',
    'Run `concord <group> --help` for its commands.',
    '',
  ].join('\n');
}

export function groupHelp(group: CommandGroup): string {
  const names = Object.keys(group.commands);
  const width = Math.max(...names.map((n) => n.length));
  return [
    `Usage: concord ${group.name} <command> [arguments] [options]`,
    '',
    group.summary,
    '',
    'Commands:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${group.commands[n]!.summary}`),
    '',
    `Run \`concord ${group.name} <command> --help\` for details.`,
    '',
  ].join('\n');
}

/** `label` is what the person typed before the arguments: `import customers`, or `api` for a single-command group. */
export function commandHelp(label: string, command: Command): string {
  const args = command.args ?? [];
  const options = { ...(command.options ?? {}), ...GLOBAL_OPTIONS };
  const optionLines = Object.entries(options).map(([key, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${key}${o.type === 'string' ? ` <${o.valueName ?? 'value'}>` : ''}`;
    return [flag, o.description] as const;
  });
  const width = Math.max(...optionLines.map(([f]) => f.length), ...args.map((a) => a.name.length));
  const usageArgs = args.map((a) => (a.optional ? `[${a.name}]` : a.name)).join(' ');
  return [
    `Usage: concord ${label}${usageArgs ? ` ${usageArgs}` : ''} [options]`,
    '',
    command.summary,
    ...(args.length > 0
      ? ['', 'Arguments:', ...args.map((a) => `  ${a.name.padEnd(width)}  ${a.description}`)]
      : []),
    '',
    'Options:',
    ...optionLines.map(([f, d]) => `  ${f.padEnd(width)}  ${d}`),
    ...(command.details ? ['', command.details] : []),
    '',
  ].join('\n');
}

/** Parses argv (without `node script`) and runs the matching command; returns the exit code. */
export async function dispatch(groups: CommandGroup[], argv: string[], io: Io): Promise<number> {
  const [groupName, commandName, ...rest] = argv;
  const write = (s: string) => io.stdout.write(s);
  if (!groupName || groupName === '--help' || groupName === '-h' || groupName === 'help') {
    write(topHelp(groups));
    return groupName ? 0 : 2;
  }
  const group = groups.find((g) => g.name === groupName);
  if (!group) {
    io.stderr.write(`concord: unknown group "${groupName}"\n\n${topHelp(groups)}`);
    return 2;
  }
  if (group.single) return runCommand(group.name, group.single, argv.slice(1), io);
  if (!commandName || commandName === '--help' || commandName === '-h') {
    write(groupHelp(group));
    return commandName ? 0 : 2;
  }
  const command = group.commands[commandName];
  if (!command) {
    io.stderr.write(`concord ${group.name}: unknown command "${commandName}"\n\n${groupHelp(group)}`);
    return 2;
  }
  return runCommand(`${group.name} ${commandName}`, command, rest, io);
}

/** Parses one command's arguments and options, and runs it; returns the exit code. */
async function runCommand(label: string, command: Command, rest: string[], io: Io): Promise<number> {
  const write = (s: string) => io.stdout.write(s);
  const specs = { ...(command.options ?? {}), ...GLOBAL_OPTIONS };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(
        Object.entries(specs).map(([k, o]) => [k, { type: o.type, ...(o.short ? { short: o.short } : {}) }]),
      ),
    });
  } catch (error) {
    io.stderr.write(`concord ${label}: ${humanMessage((error as Error).message)}\nTry --help.\n`);
    return 2;
  }
  if (parsed.values.help) {
    write(commandHelp(label, command));
    return 0;
  }
  const required = (command.args ?? []).filter((a) => !a.optional).length;
  const variadic = command.args?.at(-1)?.variadic === true;
  const tooMany = !variadic && parsed.positionals.length > (command.args ?? []).length;
  if (parsed.positionals.length < required || tooMany) {
    io.stderr.write(
      `concord ${label}: expected ${required} argument(s), got ${parsed.positionals.length}\n\n${commandHelp(label, command)}`,
    );
    return 2;
  }
  try {
    return await command.run({
      args: parsed.positionals,
      options: parsed.values as Record<string, string | boolean | undefined>,
      io,
    });
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`concord ${label}: ${humanMessage(error.message)}\nTry --help.\n`);
      return 2;
    }
    const message = describeCallError(error) ?? (error as Error).message;
    io.stderr.write(`concord ${label}: ${humanMessage(message)}\n`);
    return 1;
  }
}
