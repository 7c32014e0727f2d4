// `concord analytics …`: import demographics, survey responses and loyalty events (CSV) into a node's analytical CRM.
import { existsSync } from 'node:fs';
import type { Command, CommandContext, CommandGroup } from '../framework.ts';
import { REJECTED_ROWS_EXIT, UsageError } from '../framework.ts';
import { nodeTarget, uploadCsv } from '../node-client.ts';
import { progressBar } from '../progress.ts';

interface RowImportResult {
  rowsRead: number;
  imported: number;
  failed: number;
  errors: Array<{ line: number; field: string | null; reason: string }>;
  error: string | null;
}

async function runImport(ctx: CommandContext, kind: string): Promise<number> {
  const file = ctx.args[0]!;
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const bar = progressBar(ctx.io.stderr, `import ${kind}`);
  let rows = 0;
  const last = await uploadCsv(nodeTarget(ctx), kind, file, {
    onBytes: (sent, total) => bar.update(sent, total, `${rows} rows acknowledged`),
    onEvent: (event) => {
      const progress = event.import as { rowsRead?: number } | undefined;
      if (progress?.rowsRead !== undefined) rows = progress.rowsRead;
    },
  });
  bar.finish();
  if (last.type === 'error') {
    const error = last.error as { code: string; message: string };
    ctx.io.stderr.write(`import failed: ${error.message} (${error.code})\n`);
    return 1;
  }
  const r = last.import as RowImportResult;
  if (ctx.options.json) ctx.io.stdout.write(`${JSON.stringify(r)}\n`);
  else {
    ctx.io.stdout.write(
      [
        `${kind} from ${file}:`,
        `  rows read   ${r.rowsRead}`,
        `  imported    ${r.imported}`,
        `  rejected    ${r.failed}`,
        '',
      ].join('\n'),
    );
    for (const e of r.errors)
      ctx.io.stdout.write(`line ${e.line}${e.field ? ` [${e.field}]` : ''}: ${e.reason}\n`);
  }
  if (r.error) {
    ctx.io.stderr.write(`file refused: ${r.error}\n`);
    return 1;
  }
  return r.failed > 0 ? REJECTED_ROWS_EXIT : 0;
}

function importCommand(kind: string, summary: string, columns: string): Command {
  return {
    summary,
    args: [{ name: 'FILE', description: 'CSV file with a header line' }],
    options: { json: { type: 'boolean', description: 'print the result (with every rejected row) as JSON' } },
    details: `Columns: ${columns}. See docs/crm.md. Exit code 2 when some rows were rejected (they are listed with line and reason).`,
    run: (ctx) => runImport(ctx, kind),
  };
}

export const analyticsGroup: CommandGroup = {
  name: 'analytics',
  summary: 'Import the analytical CRM data: demographics, survey responses, loyalty events',
  commands: {
    'import-demographics': importCommand(
      'demographics',
      'Import customer demographics (sensitive) from a CSV file',
      'customer_external_id, sex, birth_date, income_band, education, household_size, region',
    ),
    'import-surveys': importCommand(
      'survey_responses',
      'Import survey responses from a CSV file',
      'external_id, survey, customer_external_id, responded_at, then one column per question key',
    ),
    'import-loyalty': importCommand(
      'loyalty_events',
      'Import loyalty events from the point of sale (join, earn, redeem, expire, adjust, tier)',
      'external_id, customer_external_id, kind, points, occurred_at, member_number, tier, note',
    ),
  },
};
