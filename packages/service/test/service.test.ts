import { createServer } from 'node:http';
import { ConcordError } from '@concord/protocol/errors';
import { TRPCError } from '@trpc/server';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeStartupFailure, StartupError } from '../src/fatal.ts';
import { type RunningService, startHttpService } from '../src/http.ts';
import { scrubMessage } from '../src/log-errors.ts';
import { createLogger, silentLogger } from '../src/logger.ts';
import { concordCodeOf, formatConcordError, toTrpcError } from '../src/trpc.ts';

describe('error mapping', () => {
  it('maps each Concord code to its tRPC code once, keeping the cause', () => {
    const err = toTrpcError(new ConcordError('BELOW_THRESHOLD', 'too small'));
    expect(err.code).toBe('UNPROCESSABLE_CONTENT');
    expect(concordCodeOf(err)).toBe('BELOW_THRESHOLD');
    expect(toTrpcError(new ConcordError('CONSENT_MISSING', 'no')).code).toBe('FORBIDDEN');
    expect(toTrpcError(new ConcordError('BUDGET_EXHAUSTED', 'no')).code).toBe('TOO_MANY_REQUESTS');
  });

  it('hides unexpected errors as INTERNAL', () => {
    const err = toTrpcError(new Error('select * from customer where email = x@y.z'));
    expect(err.code).toBe('INTERNAL_SERVER_ERROR');
    const shape = formatConcordError({
      shape: { message: err.message, data: { stack: 'at …' } },
      error: err,
    });
    expect(shape.message).toBe('internal error');
    expect(shape.data).toEqual({ concordCode: 'INTERNAL' });
  });

  it('reports zod failures as BAD_INPUT with the issues', () => {
    const parsed = z.object({ kMin: z.number().min(2) }).safeParse({ kMin: 1 });
    const err = new TRPCError({ code: 'BAD_REQUEST', cause: parsed.error });
    expect(concordCodeOf(err)).toBe('BAD_INPUT');
    const shape = formatConcordError({ shape: { message: 'bad', data: {} }, error: err });
    expect(shape.data).toMatchObject({ concordCode: 'BAD_INPUT', issues: [{ path: ['kMin'] }] });
  });

  it('reads the code back from a server response shape', () => {
    expect(concordCodeOf({ data: { concordCode: 'EXPIRED' } })).toBe('EXPIRED');
    expect(concordCodeOf({ data: { concordCode: 'NOT_A_CODE' } })).toBeUndefined();
  });
});

describe('startup failures', () => {
  it('describes config errors in one line naming the field', () => {
    const parsed = z.object({ port: z.number().max(65535) }).safeParse({ port: 70000 });
    expect(describeStartupFailure(parsed.error)).toBe(
      'invalid configuration: port: Too big: expected number to be <=65535',
    );
    expect(describeStartupFailure(new StartupError('port 1 is already in use'))).toBe(
      'port 1 is already in use',
    );
  });
});

describe('http service', () => {
  let running: RunningService | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it('answers /healthz and routes by prefix', async () => {
    running = await startHttpService({
      service: 'svc',
      version: '1.2.3',
      port: 0,
      logger: silentLogger(),
      routes: [
        {
          prefix: '/api',
          handler: (_req, res) => {
            res.end('api');
          },
        },
      ],
    });
    expect(await (await fetch(`${running.url}/healthz`)).json()).toEqual({
      ok: true,
      service: 'svc',
      version: '1.2.3',
    });
    expect(await (await fetch(`${running.url}/api/x`)).text()).toBe('api');
    const missing = await fetch(`${running.url}/nope`);
    expect(missing.status).toBe(404);
  });

  it('answers 503 on /healthz when the health check fails', async () => {
    running = await startHttpService({
      service: 'svc',
      version: '1',
      port: 0,
      logger: silentLogger(),
      routes: [],
      health: async () => {
        throw new Error('database down');
      },
    });
    const res = await fetch(`${running.url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('refuses a port in use with a StartupError naming the port', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const err = await startHttpService({
        service: 's',
        version: '1',
        port,
        logger: silentLogger(),
        routes: [],
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StartupError);
      expect((err as Error).message).toBe(`port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });
});

describe('logs', () => {
  it('redact personal data and secrets, including the values Postgres puts in error details', () => {
    const lines: string[] = [];
    const logger = createLogger('test', 'info', { write: (line: string) => lines.push(line) });
    const pgError = Object.assign(
      new Error('duplicate key value violates unique constraint "app_user_email"'),
      {
        code: '23505',
        detail: 'Key (email)=(ada@example.com) already exists.',
      },
    );
    logger.error(
      { err: pgError, user: { email: 'ada@example.com' }, token: 'cct_secret' },
      'procedure failed',
    );
    const out = lines.join('');
    expect(out).not.toContain('ada@example.com');
    expect(out).not.toContain('cct_secret');
    expect(JSON.parse(out)).toMatchObject({
      err: { code: '23505', detail: '[redacted]' },
      user: { email: '[redacted]' },
      token: '[redacted]',
    });
  });
});

describe('error serializer', () => {
  it('keeps codes, schema names and frames of a PGlite error and drops its SQL parameters and values', () => {
    const lines: string[] = [];
    const logger = createLogger('test', 'info', { write: (line: string) => lines.push(line) });
    // The shape PGlite throws: the query and its parameters travel on the error.
    const pglite = Object.assign(new Error('invalid input syntax for type uuid: "Lovelace-1815-12-10"'), {
      code: '22P02',
      severity: 'ERROR',
      routine: 'string_to_uuid',
      table: 'customer',
      where: "unnamed portal parameter $2 = '...'",
      hint: 'ada@example.com',
      query: 'insert into customer (first_name, last_name) values ($1, $2)',
      params: ['Ada', 'Lovelace-1815-12-10', 'ada@example.com'],
    });
    const wrapped = new Error('procedure failed for "ada@example.com" 0x00e2', { cause: pglite });
    logger.error({ err: wrapped }, 'procedure failed');
    const out = lines.join('');
    for (const value of ['Ada', 'Lovelace', '1815', 'ada@example.com', '0x00e2', 'insert into']) {
      expect(out).not.toContain(value);
    }
    const logged = JSON.parse(out) as { err: Record<string, unknown> & { cause: Record<string, unknown> } };
    expect(logged.err.message).toBe('procedure failed for "…" 0x…');
    expect(logged.err.cause).toMatchObject({
      type: 'Error',
      message: 'invalid input syntax for type uuid: "…"',
      code: '22P02',
      routine: 'string_to_uuid',
      table: 'customer',
      params: '[redacted]',
      query: '[redacted]',
      where: '[redacted]',
    });
    expect(String(logged.err.cause.stack)).toMatch(/^\s+at /);
  });

  it('scrubs quoted values, key=value pairs, byte dumps and long numbers from messages', () => {
    expect(scrubMessage('Key (email)=(ada@example.com) already exists.')).toBe('Key (…)=(…) already exists.');
    expect(scrubMessage('invalid byte sequence for encoding "UTF8": 0xe2 0x28')).toBe(
      'invalid byte sequence for encoding "…": 0x… 0x…',
    );
    expect(scrubMessage('Unexpected token \'x\', "x@y.z" is not valid JSON')).toBe(
      'Unexpected token \'…\', "…" is not valid JSON',
    );
    expect(scrubMessage('value too long for type character varying(200)')).toBe(
      'value too long for type character varying(#)',
    );
  });
});
