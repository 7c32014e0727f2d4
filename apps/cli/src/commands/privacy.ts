// `concord privacy …`: the compliance officer's request queue in bulk — import requests from a CSV, list the queue,
// carry out many at once, check propagation, write an access export to a file.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Command, CommandGroup } from '../framework.ts';
import { REJECTED_ROWS_EXIT, UsageError } from '../framework.ts';
import { nodeTarget, trpcMutation, trpcQuery } from '../node-client.ts';

interface Request {
  id: string;
  kind: string;
  customerExternalId: string | null;
  channel: string;
  reference: string | null;
  deadline: string;
  overdue: boolean;
  status: string;
  ownerEmail: string | null;
  completedAt: string | null;
}

const importCommand: Command = {
  summary: 'Log privacy requests from a CSV file (bad rows are listed with line and reason)',
  args: [{ name: 'FILE', description: 'CSV with a header line' }],
  options: { json: { type: 'boolean', description: 'print the result as JSON on stdout' } },
  details:
    'Columns: kind (withdrawal, erasure, objection, access), customer_external_id, channel (email, letter,\n' +
    'phone, web_form, in_person, app, other), received_at (required); reference (required for erasure),\n' +
    'purposes (";"-separated), note. See docs/consent.md.',
  run: async (ctx) => {
    const file = ctx.args[0]!;
    if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
    const r = await trpcMutation<{
      rowsRead: number;
      created: number;
      failed: number;
      errors: Array<{ line: number; field: string | null; reason: string }>;
      error: string | null;
    }>(nodeTarget(ctx), 'privacy.requests.import', { csv: readFileSync(file, 'utf8') });
    if (ctx.options.json) ctx.io.stdout.write(`${JSON.stringify(r)}\n`);
    else {
      ctx.io.stdout.write(
        `requests from ${file}: ${r.rowsRead} rows, ${r.created} logged, ${r.failed} rejected\n`,
      );
      for (const e of r.errors)
        ctx.io.stdout.write(`line ${e.line}${e.field ? ` [${e.field}]` : ''}: ${e.reason}\n`);
    }
    if (r.error) {
      ctx.io.stderr.write(`file refused: ${r.error}\n`);
      return 1;
    }
    return r.failed > 0 ? REJECTED_ROWS_EXIT : 0;
  },
};

const queue: Command = {
  summary: 'List the request queue, soonest deadline first',
  options: {
    status: {
      type: 'string',
      valueName: 'S',
      description: 'open, waiting_propagation or completed (comma-separated)',
    },
    kind: {
      type: 'string',
      valueName: 'K',
      description: 'withdrawal, erasure, objection or access (comma-separated)',
    },
    overdue: { type: 'boolean', description: 'only requests past their deadline' },
    json: { type: 'boolean', description: 'print JSON lines' },
  },
  run: async (ctx) => {
    const split = (v: unknown) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()) : undefined);
    const rows = await trpcQuery<Request[]>(nodeTarget(ctx), 'privacy.requests.list', {
      limit: 1000,
      ...(split(ctx.options.status) ? { status: split(ctx.options.status) } : {}),
      ...(split(ctx.options.kind) ? { kind: split(ctx.options.kind) } : {}),
      ...(ctx.options.overdue ? { overdue: true } : {}),
    });
    for (const r of rows) {
      ctx.io.stdout.write(
        ctx.options.json
          ? `${JSON.stringify(r)}\n`
          : `${r.id}  ${r.deadline.slice(0, 10)}${r.overdue ? ' OVERDUE' : ''}  ${r.kind.padEnd(10)}  ${r.status.padEnd(19)}  ${r.customerExternalId ?? '(erased)'}  ${r.channel}  ${r.reference ?? '-'}\n`,
      );
    }
    return 0;
  },
};

const carryOut: Command = {
  summary: 'Carry out requests (withdraw consent or erase); each result on its own line',
  args: [{ name: 'ID...', description: 'request ids', variadic: true }],
  run: async (ctx) => {
    if (ctx.args.length === 0) throw new UsageError('name at least one request id');
    let failed = 0;
    for (const id of ctx.args) {
      try {
        const r = await trpcMutation<Request>(nodeTarget(ctx), 'privacy.requests.carryOut', { id });
        ctx.io.stdout.write(`${id}  ${r.status}${r.completedAt ? ` at ${r.completedAt}` : ''}\n`);
      } catch (error) {
        failed += 1;
        ctx.io.stdout.write(`${id}  failed: ${(error as Error).message}\n`);
      }
    }
    return failed > 0 ? 1 : 0;
  },
};

const check: Command = {
  summary: 'Complete every waiting request whose person no publication or list holds any more',
  run: async (ctx) => {
    const r = await trpcMutation<{ completed: number; waiting: number }>(
      nodeTarget(ctx),
      'privacy.requests.check',
    );
    ctx.io.stdout.write(`${r.completed} completed, ${r.waiting} still waiting\n`);
    return 0;
  },
};

const exportCommand: Command = {
  summary: 'Write the Art. 15 export of an access request to a JSON file (completes the request)',
  args: [
    { name: 'ID', description: 'access request id' },
    { name: 'FILE', description: 'where to write the export' },
  ],
  run: async (ctx) => {
    const [id, file] = ctx.args as [string, string];
    const out = await trpcMutation<unknown>(nodeTarget(ctx), 'privacy.requests.exportAccess', { id });
    writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`, { mode: 0o600 });
    ctx.io.stdout.write(`access export written to ${file}\n`);
    return 0;
  },
};

export const privacyGroup: CommandGroup = {
  name: 'privacy',
  summary: 'Data-subject requests: queue, bulk import, carry out, access exports',
  commands: { import: importCommand, queue, 'carry-out': carryOut, check, export: exportCommand },
};
