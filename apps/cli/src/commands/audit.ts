// `concord audit …`: verify the node's hash-chained audit log, list recent events, export it for an auditor.
import { writeFileSync } from 'node:fs';
import type { Command, CommandGroup } from '../framework.ts';
import { UsageError } from '../framework.ts';
import { nodeTarget, trpcMutation, trpcQuery } from '../node-client.ts';

interface Verification {
  ok: boolean;
  events: number;
  head: string | null;
  firstBroken: { seq: number; reason: string } | null;
}

const EXPLAIN: Record<string, string> = {
  hash_mismatch: 'its content does not match its hash: the event was edited',
  prev_hash_mismatch:
    'it does not chain onto the previous event: the previous event was edited and re-hashed',
  missing_event: 'it is missing: the event was deleted',
};

const verify: Command = {
  summary: 'Recompute the audit hash chain and name the first broken event',
  options: { json: { type: 'boolean', description: 'print the result as JSON' } },
  details:
    'Exit code 0 when the chain is intact, 1 when it is broken. Keep the printed head hash outside the node.',
  run: async (ctx) => {
    const result = await trpcMutation<Verification>(nodeTarget(ctx), 'audit.verify');
    if (ctx.options.json) ctx.io.stdout.write(`${JSON.stringify(result)}\n`);
    else if (result.ok)
      ctx.io.stdout.write(`audit chain intact: ${result.events} events, head ${result.head ?? '(empty)'}\n`);
    else {
      const b = result.firstBroken!;
      ctx.io.stdout.write(
        `audit chain BROKEN at event ${b.seq}: ${EXPLAIN[b.reason] ?? b.reason} (${result.events} events verified before it)\n`,
      );
    }
    return result.ok ? 0 : 1;
  },
};

interface AuditEvent {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
}

const PAGE = 500;

const list: Command = {
  summary: 'List recent audit events, newest first (paged to the end with --all)',
  options: {
    limit: { type: 'string', valueName: 'N', description: 'at most N events (default 50)' },
    all: { type: 'boolean', description: 'every event, paged to the end' },
    subject: {
      type: 'string',
      valueName: 'TYPE[:ID]',
      description: 'only events about this subject, e.g. Consent:<customer id>',
    },
    json: { type: 'boolean', description: 'print JSON lines' },
  },
  run: async (ctx) => {
    const limit = ctx.options.all ? Number.POSITIVE_INFINITY : Number(ctx.options.limit ?? 50);
    if (!(limit === Number.POSITIVE_INFINITY || (Number.isInteger(limit) && limit >= 1)))
      throw new UsageError('--limit must be a positive integer');
    const [subjectType, subjectId] = String(ctx.options.subject ?? '').split(':');
    let offset = 0;
    let total = 0;
    // Pages of at most 500 (the node's maximum) until the limit or the end; never a silent cut.
    while (offset < limit) {
      const page = await trpcQuery<{ items: AuditEvent[]; total: number }>(nodeTarget(ctx), 'audit.list', {
        offset,
        limit: Math.min(PAGE, limit - offset),
        ...(subjectType ? { subjectType } : {}),
        ...(subjectId ? { subjectId } : {}),
      });
      total = page.total;
      for (const e of page.items) {
        ctx.io.stdout.write(
          ctx.options.json
            ? `${JSON.stringify(e)}\n`
            : `${String(e.seq).padStart(6)}  ${e.at}  ${e.actor}  ${e.action}  ${e.subjectType}${e.subjectId ? `:${e.subjectId}` : ''}\n`,
        );
      }
      offset += page.items.length;
      if (page.items.length === 0 || offset >= total) break;
    }
    if (offset < total) ctx.io.stderr.write(`showing ${offset} of ${total} events; --all prints every one\n`);
    return 0;
  },
};

interface AuditExportSummary {
  fromSeq: number;
  toSeq: number;
  head: string;
  events: unknown[];
  recordedAs: { seq: number };
}

const exportLog: Command = {
  summary: 'Export the audit log bound to its chain head (compliance)',
  options: {
    from: { type: 'string', valueName: 'SEQ', description: 'first event (default 1)' },
    limit: { type: 'string', valueName: 'N', description: 'at most N events (default and maximum 10000)' },
    out: { type: 'string', valueName: 'FILE', description: 'write the export here (default: stdout)' },
  },
  details:
    'The export holds prevHash, the events and head = SHA-256 chain over them; any edit changes the head. ' +
    'The node records the export (audit.exported) with its head.',
  run: async (ctx) => {
    const fromSeq = Number(ctx.options.from ?? 1);
    const limit = Number(ctx.options.limit ?? 10_000);
    if (!Number.isInteger(fromSeq) || fromSeq < 1) throw new UsageError('--from must be a positive integer');
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a positive integer');
    const bundle = await trpcMutation<AuditExportSummary>(nodeTarget(ctx), 'audit.export', {
      fromSeq,
      limit,
    });
    const text = `${JSON.stringify(bundle, null, 2)}\n`;
    if (ctx.options.out) writeFileSync(String(ctx.options.out), text);
    else ctx.io.stdout.write(text);
    ctx.io.stderr.write(
      `exported events ${bundle.fromSeq}..${bundle.toSeq} (${bundle.events.length}), head ${bundle.head}, recorded as event ${bundle.recordedAs.seq}\n`,
    );
    return 0;
  },
};

export const auditGroup: CommandGroup = {
  name: 'audit',
  summary: 'Verify, read and export the hash-chained audit log',
  commands: { verify, list, export: exportLog },
};
