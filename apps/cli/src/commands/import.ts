// `concord import …`: upload customers, purchases or interactions CSVs to a node; read an import's status and errors.
import { existsSync } from 'node:fs';
import type { Command, CommandContext, CommandGroup } from '../framework.ts';
import { REJECTED_ROWS_EXIT, UsageError } from '../framework.ts';
import { nodeTarget, trpcQuery, uploadCsv } from '../node-client.ts';
import { progressBar } from '../progress.ts';
import { nodeApi } from '../trpc.ts';
import { importConsentsCommand } from './consents.ts';

interface ImportSummary {
  id: string;
  kind: string;
  status: 'running' | 'completed' | 'failed';
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  failed: number;
  withWarnings?: number;
  duplicatesFlagged?: number;
  lastCommittedLine: number;
  error: string | null;
}

const FORMAT_HINT = 'The header format is documented in docs/import.md.';

function uploadCommand(kind: 'customers' | 'purchases' | 'interactions', what: string): Command {
  return {
    summary: `Import ${what} from a CSV file (upsert by external_id)`,
    args: [{ name: 'FILE', description: 'CSV file with a header line' }],
    options: {
      resume: {
        type: 'string',
        valueName: 'IMPORT_ID',
        description: 'continue an interrupted import: lines already committed are skipped',
      },
      json: { type: 'boolean', description: 'print the final summary as JSON on stdout' },
    },
    details: `${FORMAT_HINT}\nExample: concord import ${kind} ${kind}.csv --node http://127.0.0.1:4101 --token $CONCORD_TOKEN`,
    run: (ctx) => runUpload(ctx, kind),
  };
}

async function runUpload(ctx: CommandContext, kind: string): Promise<number> {
  const file = ctx.args[0]!;
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const target = nodeTarget(ctx);
  const bar = progressBar(ctx.io.stderr, `import ${kind}`);
  // The bar follows what the node has committed (bytes it had read at each batch commit); the note
  // also shows how much has been sent, since the node reads the upload as it imports.
  let sent = 0;
  let total = 0;
  let acknowledgedBytes = 0;
  let rows = 0;
  let importId: string | undefined;
  const redraw = () =>
    bar.update(acknowledgedBytes, total, `${rows} rows committed, ${mb(sent)}/${mb(total)} MB sent`);
  const last = await uploadCsv(target, kind, file, {
    importId: ctx.options.resume as string | undefined,
    onBytes: (s, t) => {
      sent = s;
      total = t;
      redraw();
    },
    onEvent: (event) => {
      const summary = event.import as (ImportSummary & { bytesRead: number }) | undefined;
      if (!summary) return;
      importId = summary.id;
      rows = summary.rowsRead;
      if (event.type === 'done') acknowledgedBytes = total;
      else if (event.type === 'progress') acknowledgedBytes = summary.bytesRead;
      redraw();
    },
  });
  bar.finish();
  if (last.type === 'error') {
    const error = last.error as { code: string; message: string };
    ctx.io.stderr.write(`import failed: ${error.message} (${error.code})\n`);
    if (importId) ctx.io.stderr.write(`resume with: concord import ${kind} ${file} --resume ${importId}\n`);
    return 1;
  }
  const summary = last.import as ImportSummary;
  if (ctx.options.json) ctx.io.stdout.write(`${JSON.stringify(summary)}\n`);
  if (summary.status !== 'completed') {
    ctx.io.stderr.write(`import ${summary.id} ${summary.status}: ${summary.error ?? 'unknown reason'}\n`);
    if (summary.lastCommittedLine > 0)
      ctx.io.stderr.write(`resume with: concord import ${kind} ${file} --resume ${summary.id}\n`);
    return 1;
  }
  if (!ctx.options.json) ctx.io.stdout.write(describe(summary));
  if ((summary.withWarnings ?? 0) > 0)
    ctx.io.stderr.write(
      `${summary.withWarnings} row(s) landed with warnings; list them with: concord import warnings ${summary.id}\n`,
    );
  if (summary.failed === 0) return 0;
  ctx.io.stderr.write(
    `${summary.failed} row(s) rejected; list them with: concord import errors ${summary.id}\n`,
  );
  // The good rows landed, but a script must notice the rejected ones (docs/import.md: exit codes).
  return REJECTED_ROWS_EXIT;
}

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

function describe(s: ImportSummary): string {
  return [
    `import ${s.id} (${s.kind}): ${s.status}`,
    `  rows read   ${s.rowsRead}`,
    `  inserted    ${s.inserted}`,
    `  updated     ${s.updated}`,
    `  unchanged   ${s.unchanged}`,
    `  rejected    ${s.failed}`,
    `  warnings    ${s.withWarnings ?? 0} row(s)`,
    `  duplicates  ${s.duplicatesFlagged ?? 0} pair(s) flagged`,
    '',
  ].join('\n');
}

const status: Command = {
  summary: 'Show the progress and counters of an import',
  args: [{ name: 'IMPORT_ID', description: 'id printed by the import command' }],
  options: { json: { type: 'boolean', description: 'print JSON' } },
  run: async (ctx) => {
    const summary = await trpcQuery<ImportSummary>(nodeTarget(ctx), 'imports.get', { id: ctx.args[0] });
    ctx.io.stdout.write(ctx.options.json ? `${JSON.stringify(summary)}\n` : describe(summary));
    return 0;
  },
};

const PAGE = 1000;

/** `import errors` (rejected rows) and `import warnings` (rows that landed with a warning), paged to the end. */
function rowsCommand(which: 'errors' | 'warnings'): Command {
  const what = which === 'errors' ? 'rejected row' : 'row that landed with a warning';
  const noun = which === 'errors' ? 'rejected row(s)' : 'row(s) with warnings';
  return {
    summary: `List every ${what} of an import (line, column, reason), to the end`,
    args: [{ name: 'IMPORT_ID', description: 'id printed by the import command' }],
    options: {
      'after-line': { type: 'string', valueName: 'N', description: 'start after this line' },
      limit: { type: 'string', valueName: 'N', description: 'stop after N rows (default: all)' },
    },
    run: async (ctx) => {
      let afterLine = Number(ctx.options['after-line'] ?? 0);
      const limit = ctx.options.limit === undefined ? Number.POSITIVE_INFINITY : Number(ctx.options.limit);
      if (!Number.isInteger(afterLine) || !(limit > 0)) throw new UsageError('N must be a positive integer');
      const procedure = nodeApi(ctx).imports[which];
      let shown = 0;
      // Pages through the node's keyset (by line) until a short page: an import can have any number of rows here.
      for (;;) {
        const want = Math.min(PAGE, limit - shown);
        const rows = await procedure.query({ id: ctx.args[0] as string, afterLine, limit: want });
        for (const r of rows)
          ctx.io.stdout.write(`line ${r.line}${r.field ? ` [${r.field}]` : ''}: ${r.reason}\n`);
        shown += rows.length;
        if (rows.length < want || shown >= limit) break;
        afterLine = rows.at(-1)!.line;
      }
      ctx.io.stderr.write(shown === 0 ? `no ${noun}\n` : `${shown} ${noun}\n`);
      return 0;
    },
  };
}

export const importGroup: CommandGroup = {
  name: 'import',
  summary: 'Import CSV files into the node CRM and inspect imports',
  commands: {
    customers: uploadCommand('customers', 'customers'),
    purchases: uploadCommand('purchases', 'purchases'),
    interactions: uploadCommand('interactions', 'service cases and contacts'),
    consents: importConsentsCommand,
    status,
    errors: rowsCommand('errors'),
    warnings: rowsCommand('warnings'),
  },
};
