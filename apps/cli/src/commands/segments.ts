// `concord segments …`: rule-based customer segments — list, preview, create (rule as JSON, inline or @file).
import { readFileSync } from 'node:fs';
import type { Command, CommandContext, CommandGroup } from '../framework.ts';
import { UsageError } from '../framework.ts';
import { nodeApi } from '../trpc.ts';

const RULE = {
  type: 'string',
  valueName: 'JSON|@FILE',
  description:
    'the rule as JSON, or @file.json (see docs/crm.md: field, attribute, purchases, consent, and/or/not)',
} as const;

const EXAMPLE =
  'Example:\n  concord segments create "Germany" --rule \'{"type":"field","field":"country","op":"eq","value":"DE"}\'';

function readRule(ctx: CommandContext): unknown {
  const raw = ctx.options.rule as string | undefined;
  if (!raw) throw new UsageError('--rule is required');
  const text = raw.startsWith('@') ? readFileSync(raw.slice(1), 'utf8') : raw;
  try {
    return JSON.parse(text);
  } catch {
    // The parser's own message quotes the input back; the words say what to check instead.
    throw new UsageError('--rule is not valid JSON: check the quotes, commas and brackets');
  }
}

const list: Command = {
  summary: 'Saved segments',
  options: { json: { type: 'boolean', description: 'print JSON lines' } },
  run: async (ctx) => {
    const rows = await nodeApi(ctx).segments.list.query();
    for (const s of rows) {
      ctx.io.stdout.write(ctx.options.json ? `${JSON.stringify(s)}\n` : `${s.id}  ${s.name}\n`);
    }
    return 0;
  },
};

const preview: Command = {
  summary: 'Count the customers a rule selects, without saving it',
  options: { rule: RULE },
  details: EXAMPLE.replace('create "Germany"', 'preview'),
  run: async (ctx) => {
    const r = await nodeApi(ctx).segments.preview.query({ rule: readRule(ctx) as never });
    ctx.io.stdout.write(`${r.count} customers\n`);
    return 0;
  },
};

const create: Command = {
  summary: 'Save a segment (marketer)',
  args: [{ name: 'NAME', description: 'segment name' }],
  options: {
    rule: RULE,
    description: { type: 'string', valueName: 'TEXT', description: 'what the segment is for' },
    json: { type: 'boolean', description: 'print JSON' },
  },
  details: EXAMPLE,
  run: async (ctx) => {
    const s = await nodeApi(ctx).segments.create.mutate({
      name: ctx.args[0] as string,
      description: (ctx.options.description as string | undefined) ?? null,
      rule: readRule(ctx) as never,
    });
    ctx.io.stdout.write(ctx.options.json ? `${JSON.stringify(s)}\n` : `created segment ${s.id}  ${s.name}\n`);
    return 0;
  },
};

export const segmentsGroup: CommandGroup = {
  name: 'segments',
  summary: 'Customer segments (rules over customers, history and consent)',
  commands: { list, preview, create },
};
