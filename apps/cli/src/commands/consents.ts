// `concord consents …` (and `concord import consents FILE`): import consent CSVs, read a customer's consents, withdraw.
import { existsSync } from 'node:fs';
import { resolveCustomer } from '../customers.ts';
import type { Command, CommandContext, CommandGroup } from '../framework.ts';
import { REJECTED_ROWS_EXIT, UsageError } from '../framework.ts';
import { nodeTarget, trpcMutation, trpcQuery, uploadCsv } from '../node-client.ts';
import { progressBar } from '../progress.ts';
import { nodeApi } from '../trpc.ts';

interface ConsentImportResult {
  rowsRead: number;
  recorded: number;
  failed: number;
  errors: Array<{ line: number; field: string | null; reason: string }>;
  error: string | null;
  withdrawalsQueued: number;
}

async function runImport(ctx: CommandContext): Promise<number> {
  const file = ctx.args[0]!;
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  const bar = progressBar(ctx.io.stderr, 'import consents');
  let rows = 0;
  const last = await uploadCsv(nodeTarget(ctx), 'consents', file, {
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
  const r = last.import as ConsentImportResult;
  if (ctx.options.json) ctx.io.stdout.write(`${JSON.stringify(r)}\n`);
  else {
    ctx.io.stdout.write(
      [
        `consents from ${file}:`,
        `  rows read            ${r.rowsRead}`,
        `  recorded             ${r.recorded}`,
        `  rejected             ${r.failed}`,
        `  withdrawals queued   ${r.withdrawalsQueued}`,
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
  // Same contract as the CRM imports: good rows landed, rejected ones make the exit code 3.
  return r.failed > 0 ? REJECTED_ROWS_EXIT : 0;
}

/** Shared with the `import` group so `concord import consents FILE` works as documented. */
export const importConsentsCommand: Command = {
  summary: 'Import consent events from a CSV file (bad rows are listed with line and reason)',
  args: [{ name: 'FILE', description: 'CSV file with a header line' }],
  options: { json: { type: 'boolean', description: 'print the result as JSON on stdout' } },
  details:
    'Columns: customer_external_id, purpose, state, captured_at (required); valid_until, lawful_basis,\n' +
    'recipient_industries, recipient_partners (";"-separated), collection_method, source, notice (key@version),\n' +
    'evidence_ref. See docs/consent.md.',
  run: runImport,
};

interface ConsentEvent {
  id: number;
  purpose: string;
  state: string;
  collectionMethod: string;
  capturedAt: string;
  validUntil: string | null;
  recipientIndustries: string[];
  recipientPartners: string[];
}

const history: Command = {
  summary: "Show a customer's consent events, newest first",
  args: [{ name: 'CUSTOMER', description: 'customer number, e-mail, name or id' }],
  options: { json: { type: 'boolean', description: 'print JSON lines' } },
  run: async (ctx) => {
    const events = await trpcQuery<ConsentEvent[]>(nodeTarget(ctx), 'consent.history', {
      customerId: await resolveCustomer(nodeApi(ctx), ctx.args[0] as string),
    });
    for (const e of events) {
      ctx.io.stdout.write(
        ctx.options.json
          ? `${JSON.stringify(e)}\n`
          : `${e.capturedAt}  ${e.state.padEnd(9)}  ${e.purpose}  via ${e.collectionMethod}  to ${[...e.recipientIndustries, ...e.recipientPartners].join(',') || '-'}${e.validUntil ? `  until ${e.validUntil}` : ''}\n`,
      );
    }
    if (events.length === 0) ctx.io.stderr.write('no consent events\n');
    return 0;
  },
};

const withdraw: Command = {
  summary: 'Withdraw consent for a customer (all purposes unless --purpose)',
  args: [{ name: 'CUSTOMER', description: 'customer number, e-mail, name or id' }],
  options: {
    purpose: {
      type: 'string',
      valueName: 'PURPOSES',
      description: 'comma-separated purposes, e.g. marketing.cross_sell',
    },
    method: {
      type: 'string',
      valueName: 'METHOD',
      description: 'how it reached you (phone, email, …; default phone)',
    },
    gpc: {
      type: 'boolean',
      description: 'record it as a Global Privacy Control signal (opt-out of all sharing)',
    },
  },
  run: async (ctx) => {
    const target = nodeTarget(ctx);
    const customerId = await resolveCustomer(nodeApi(ctx), ctx.args[0] as string);
    const result = ctx.options.gpc
      ? await trpcMutation<{ eventIds: number[]; withdrawalsQueued: number }>(target, 'consent.gpc', {
          customerId,
          source: 'cli',
        })
      : await trpcMutation<{ eventIds: number[]; withdrawalsQueued: number }>(target, 'consent.withdraw', {
          customerId,
          ...(ctx.options.purpose ? { purposes: String(ctx.options.purpose).split(',') } : {}),
          collectionMethod: (ctx.options.method as string | undefined) ?? 'phone',
          source: 'cli',
        });
    ctx.io.stdout.write(
      `recorded ${result.eventIds.length} withdrawal event(s); ${result.withdrawalsQueued} removal(s) queued for publications\n`,
    );
    return 0;
  },
};

export const consentsGroup: CommandGroup = {
  name: 'consents',
  summary: 'Consent: import CSVs, read a customer’s history, withdraw',
  commands: { import: importConsentsCommand, history, withdraw },
};
