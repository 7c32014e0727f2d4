// What a user would pick instead: DuckDB (embedded, @duckdb/node-api) over the same tokens as the clean room's
// token tables, read back out of Postgres with binary COPY. Same shape as the insight count: (tk, mk, mask) with
// 64-bit prefixes, a plain join and a semi-join counting distinct members. An on-disk database in the OS temp
// directory with a memory limit, so 100M per side stays bounded; the load is timed apart from the queries.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type pg from 'pg';
import { copyTokenColumns } from '../src/match/engine/columns.ts';

export interface DuckBench {
  load(table: 'a' | 'b', pool: pg.Pool, versionId: string, tokens: number): Promise<number>;
  joinCount(): Promise<{ ms: number; count: number }>;
  semiJoinDistinct(bit: number): Promise<{ ms: number; count: number }>;
  close(): void;
}

async function timed(con: DuckDBConnection, query: string) {
  const t0 = performance.now();
  const reader = await con.runAndReadAll(query);
  const ms = performance.now() - t0;
  return { ms, count: Number(reader.getRows()[0]?.[0] ?? -1) };
}

export async function openDuckBench(memoryLimit: string): Promise<DuckBench> {
  const dir = mkdtempSync(join(tmpdir(), 'concord-duck-'));
  const instance = await DuckDBInstance.create(join(dir, 'bench.duckdb'), {
    memory_limit: memoryLimit,
    threads: '2',
    temp_directory: join(dir, 'tmp'),
  });
  const con = await instance.connect();
  return {
    async load(table, pool, versionId, tokens) {
      // The tokens exactly as stored (read without a transaction: the version is committed and immutable).
      const t0 = performance.now();
      const cols = await copyTokenColumns(pool, versionId, tokens);
      await con.run(
        `create or replace table raw_${table} (th uinteger, tl uinteger, mh uinteger, ml uinteger, m integer)`,
      );
      const app = await con.createAppender(`raw_${table}`);
      for (let i = 0; i < cols.n; i++) {
        app.appendUInteger(cols.tkHi[i] as number);
        app.appendUInteger(cols.tkLo[i] as number);
        app.appendUInteger(cols.mkHi[i] as number);
        app.appendUInteger(cols.mkLo[i] as number);
        app.appendInteger(cols.mask[i] as number);
        app.endRow();
      }
      app.closeSync();
      await con.run(
        `create or replace table ${table} as select ((th::ubigint << 32) | tl)::ubigint as tk, ((mh::ubigint << 32) | ml)::ubigint as mk, m as purpose_mask from raw_${table}`,
      );
      await con.run(`drop table raw_${table}`);
      return performance.now() - t0;
    },
    joinCount: () => timed(con, 'select count(*) from a join b on a.tk = b.tk'),
    semiJoinDistinct: (bit) =>
      timed(
        con,
        `select count(distinct a.mk) from a semi join (select tk from b where purpose_mask & ${bit} <> 0) b on a.tk = b.tk where a.purpose_mask & ${bit} <> 0`,
      ),
    close() {
      con.closeSync();
      instance.closeSync();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
