// `concord campaigns …`: list campaigns, import contact results from an email service's report, show results.
import { readFileSync } from 'node:fs';
import { type Command, type CommandGroup, REJECTED_ROWS_EXIT } from '../framework.ts';
import { nodeTarget, trpcMutation, trpcQuery } from '../node-client.ts';

const list: Command = {
  summary: 'Campaigns, newest first',
  options: { json: { type: 'boolean', description: 'print JSON lines' } },
  run: async (ctx) => {
    const rows = await trpcQuery<Array<{ id: string; name: string; status: string; channels: string[] }>>(
      nodeTarget(ctx),
      'campaigns.list',
      {},
    );
    for (const c of rows) {
      ctx.io.stdout.write(
        ctx.options.json
          ? `${JSON.stringify(c)}\n`
          : `${c.id}  ${c.status.padEnd(9)}  ${c.channels.join('+').padEnd(12)}  ${c.name}\n`,
      );
    }
    return 0;
  },
};

interface ContactReport {
  recorded: number;
  duplicates: number;
  rejected: Array<{ line: number | null; reason: string }>;
  skipped: Record<string, number>;
}

const importContacts: Command = {
  summary:
    'Import contact results (customer_external_id,channel,status,occurred_at); bad rows reported by line',
  args: [{ name: 'FILE', description: 'CSV file (status: sent, delivered, opened, responded)' }],
  options: {
    campaign: { type: 'string', valueName: 'ID', description: 'campaign id (see `concord campaigns list`)' },
    json: { type: 'boolean', description: 'print JSON' },
  },
  run: async (ctx) => {
    const r = await trpcMutation<ContactReport>(nodeTarget(ctx), 'campaigns.importContacts', {
      campaignId: ctx.options.campaign,
      csv: readFileSync(String(ctx.args[0]), 'utf8'),
    });
    if (ctx.options.json) {
      ctx.io.stdout.write(`${JSON.stringify(r)}\n`);
      return r.rejected.length ? REJECTED_ROWS_EXIT : 0;
    }
    const skipped = Object.entries(r.skipped).map(([k, v]) => `${k} ${v}`);
    ctx.io.stdout.write(
      `recorded ${r.recorded}, duplicates ${r.duplicates}, rejected ${r.rejected.length}${skipped.length ? `, newly skipped: ${skipped.join(', ')}` : ''}\n`,
    );
    for (const x of r.rejected) ctx.io.stderr.write(`line ${x.line ?? '-'}: ${x.reason}\n`);
    return r.rejected.length ? REJECTED_ROWS_EXIT : 0;
  },
};

const results: Command = {
  summary: 'Treatment vs holdout, lift with its 95% interval, revenue and ROI',
  args: [{ name: 'CAMPAIGN_ID', description: 'campaign id' }],
  options: { json: { type: 'boolean', description: 'print JSON' } },
  run: async (ctx) => {
    const r = await trpcQuery<{
      treatment: { members: number; converted: number; revenue: number };
      holdout: { members: number; converted: number };
      lift: { difference: number; interval: { lower: number; upper: number } } | null;
      roi: number | null;
    }>(nodeTarget(ctx), 'campaigns.results', { campaignId: ctx.args[0] });
    if (ctx.options.json) {
      ctx.io.stdout.write(`${JSON.stringify(r)}\n`);
      return 0;
    }
    const pct = (v: number) => `${(v * 100).toFixed(2)}%`;
    ctx.io.stdout.write(
      `treatment ${r.treatment.converted}/${r.treatment.members}  holdout ${r.holdout.converted}/${r.holdout.members}\n` +
        (r.lift
          ? `lift ${pct(r.lift.difference)} (95% CI ${pct(r.lift.interval.lower)} … ${pct(r.lift.interval.upper)})\n`
          : 'lift n/a\n') +
        `revenue ${r.treatment.revenue.toFixed(2)}  ROI ${r.roi === null ? 'n/a' : pct(r.roi)}\n`,
    );
    return 0;
  },
};

export const campaignsGroup: CommandGroup = {
  name: 'campaigns',
  summary: 'Campaigns: list, import contact results, results (marketer)',
  commands: { list, contacts: importContacts, results },
};
