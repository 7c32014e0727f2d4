// `concord rules …`: the compliance rules per purpose (allowed recipient industries, consent age, kMin, lists).
import type { Command, CommandGroup } from '../framework.ts';
import { UsageError } from '../framework.ts';
import { nodeApi } from '../trpc.ts';

const JSON_OPTION = { json: { type: 'boolean', description: 'print JSON lines' } } as const;

const list: Command = {
  summary: 'The rule in force for each purpose',
  options: JSON_OPTION,
  run: async (ctx) => {
    const rules = await nodeApi(ctx).rules.list.query();
    for (const r of rules) {
      ctx.io.stdout.write(
        ctx.options.json
          ? `${JSON.stringify(r)}\n`
          : `${r.purpose}  v${r.version}  industries ${r.allowedIndustries.join(',')}  kMin ${r.kMin}  lists ${r.listsAllowed ? 'yes' : 'no'}  max age ${r.maxConsentAgeDays ?? '-'} d  retention ${r.retentionDays} d\n`,
      );
    }
    if (rules.length === 0 && !ctx.options.json)
      ctx.io.stdout.write('no rules: nothing may leave this node\n');
    return 0;
  },
};

function positive(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} must be a positive whole number`);
  return n;
}

const set: Command = {
  summary: 'Write the next version of a purpose’s rule (compliance; audited)',
  args: [{ name: 'PURPOSE', description: 'dotted purpose, e.g. marketing.cross_sell.partner_offers' }],
  options: {
    industries: {
      type: 'string',
      valueName: 'LIST',
      description: 'allowed recipient industries, comma-separated (* = any)',
    },
    'k-min': { type: 'string', valueName: 'N', description: 'smallest count or list released (default 25)' },
    'max-age-days': {
      type: 'string',
      valueName: 'N',
      description: 'consent older than this does not count (default: no limit)',
    },
    'retention-days': {
      type: 'string',
      valueName: 'N',
      description: 'how long published data may be kept (default 90)',
    },
    'no-lists': { type: 'boolean', description: 'forbid releasing lists (counts only)' },
    note: { type: 'string', valueName: 'TEXT', description: 'why the rule changed' },
  },
  details:
    'Example:\n  concord rules set marketing.cross_sell.partner_offers --industries insurance --k-min 25',
  run: async (ctx) => {
    const o = ctx.options;
    if (!o.industries) throw new UsageError('--industries is required');
    const rule = await nodeApi(ctx).rules.set.mutate({
      purpose: ctx.args[0] as string,
      allowedIndustries: String(o.industries)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      kMin: positive(o['k-min'], '--k-min') ?? 25,
      maxConsentAgeDays: positive(o['max-age-days'], '--max-age-days') ?? null,
      retentionDays: positive(o['retention-days'], '--retention-days') ?? 90,
      listsAllowed: !o['no-lists'],
      note: (o.note as string | undefined) ?? null,
    });
    ctx.io.stdout.write(`rule for ${rule.purpose} is now version ${rule.version}\n`);
    return 0;
  },
};

export const rulesGroup: CommandGroup = {
  name: 'rules',
  summary: 'Compliance rules per purpose (what may leave this node, to whom)',
  commands: { list, set },
};
