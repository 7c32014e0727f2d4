// The worker-thread bulk tokenizer: same bytes as the single-record API, in order, with reason counts.
import { afterAll, describe, expect, it } from 'vitest';
import {
  type BulkSummary,
  createBulkTokenizer,
  MAX_BATCH_RECORDS,
  type RecordBatch,
  statusReason,
  type TokenBatch,
} from '../src/bulk/index.ts';
import {
  deriveTokenKeys,
  type IdType,
  normalize,
  REASON_CODES,
  sha256Bytes,
  tokenFor,
} from '../src/index.ts';

const SECRET = Uint8Array.from({ length: 32 }, (_, i) => 100 + i);
const RECORDS = 20_000;
const BATCH = 2_500;

/** Deterministic mix: noisy emails and phones, plus junk every 37th record. */
function record(i: number): { idType: IdType; raw: unknown } {
  if (i % 37 === 0)
    return { idType: i % 2 === 0 ? 'email' : 'phone', raw: ['', 'n/a', null, '+999 1', '@x'][i % 5] };
  if (i % 2 === 0) return { idType: 'email', raw: ` User.${i}+tag@GoogleMail.com ` };
  return { idType: 'phone', raw: `(201) 555-${String(1000 + (i % 9000)).padStart(4, '0')}` };
}

function* batches(): Generator<RecordBatch> {
  for (let start = 0; start < RECORDS; start += BATCH) {
    const rows = Array.from({ length: BATCH }, (_, k) => record(start + k));
    yield { idType: rows.map((r) => r.idType), values: rows.map((r) => r.raw) };
  }
}

async function collect(run: AsyncGenerator<TokenBatch, BulkSummary>): Promise<[TokenBatch[], BulkSummary]> {
  const out: TokenBatch[] = [];
  for (;;) {
    const next = await run.next();
    if (next.done === true) return [out, next.value];
    out.push(next.value);
  }
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const bulk = createBulkTokenizer({
  profile: 'concord-v1',
  defaultRegion: 'US',
  collaborationSecret: SECRET,
  workers: 2,
});
afterAll(() => bulk.close());

describe('createBulkTokenizer', () => {
  it('tokenizes 20k records on two workers exactly like tokenFor(), in input order, counting reasons', async () => {
    const [out, summary] = await collect(bulk.tokenize(batches()));
    expect(out.map((b) => b.count)).toEqual(Array(RECORDS / BATCH).fill(BATCH));

    const keys = deriveTokenKeys(SECRET);
    const expectedInvalid = Object.fromEntries(REASON_CODES.map((code) => [code, 0]));
    let valid = 0;
    for (let i = 0; i < RECORDS; i++) {
      const batch = out[Math.floor(i / BATCH)] as TokenBatch;
      const k = i % BATCH;
      const { idType, raw } = record(i);
      const expected = normalize('concord-v1', idType, raw, { defaultRegion: 'US' });
      const token = batch.tokens.subarray(k * 32, k * 32 + 32);
      if (expected.ok) {
        valid++;
        expect(batch.status[k]).toBe(0);
        expect(hex(token)).toBe(hex(tokenFor('hmac', keys[idType], expected.value)));
      } else {
        expectedInvalid[expected.reason] = (expectedInvalid[expected.reason] ?? 0) + 1;
        expect(statusReason(batch.status[k] as number)).toBe(expected.reason);
        expect(hex(token)).toBe('0'.repeat(64));
      }
    }
    expect(summary).toEqual({ records: RECORDS, valid, invalid: expectedInvalid });
    // 541 junk records (every 37th), by value and id type.
    expect(summary.valid).toBe(19_459);
    expect(summary.invalid).toMatchObject({
      not_a_string: 108,
      empty: 109,
      invalid_characters: 162,
      email_at_sign: 54,
      email_local_part: 54,
      phone_country_code: 54,
    });
  });

  it('reads async sources, survives an early stop, and can run again', async () => {
    async function* source(): AsyncGenerator<RecordBatch> {
      yield { idType: 'email', values: ['a@example.com', ' A@Example.COM'] };
      yield { idType: 'phone', values: ['+44 20 7946 0958'] };
      yield { idType: 'phone', values: ['never read'] };
    }
    const run = bulk.tokenize(source());
    const first = await run.next();
    await run.return(undefined as never);
    expect(first.done).toBe(false);
    const batch = first.value as TokenBatch;
    expect(batch.count).toBe(2);
    expect(hex(batch.tokens.subarray(0, 32))).toBe(hex(batch.tokens.subarray(32, 64)));

    const [again, summary] = await collect(
      bulk.tokenize([{ idType: 'phone', values: ['+44 20 7946 0958'] }]),
    );
    expect(again).toHaveLength(1);
    expect(summary.records).toBe(1);
    expect(summary.valid).toBe(1);
  });

  it('supports sha256 mode without a secret', async () => {
    const plain = createBulkTokenizer({ profile: 'uid2', mode: 'sha256', workers: 1 });
    try {
      const [[batch]] = await collect(
        plain.tokenize([{ idType: 'email', values: ['JANESaoirse@gmail.com'] }]),
      );
      expect(hex((batch as TokenBatch).tokens)).toBe(hex(sha256Bytes('janesaoirse@gmail.com')));
    } finally {
      await plain.close();
    }
  });

  it('rejects malformed batches and configuration with precise errors', async () => {
    await expect(
      collect(bulk.tokenize([{ idType: ['email'], values: ['a@b.co', 'c@d.co'] }])),
    ).rejects.toThrow(new TypeError('RecordBatch.idType must be an id type or an array as long as values'));
    await expect(
      collect(bulk.tokenize([{ idType: 'email', values: Array(MAX_BATCH_RECORDS + 1).fill('a@b.co') }])),
    ).rejects.toThrow(new RangeError('RecordBatch has 65537 records; the maximum is 65536'));
    expect(() => createBulkTokenizer({ profile: 'concord-v1' })).toThrow(
      new TypeError('collaborationSecret must be a Uint8Array'),
    );
    expect(() =>
      createBulkTokenizer({ profile: 'meta', mode: 'sha256', collaborationSecret: SECRET }),
    ).toThrow(new TypeError('sha256 mode takes no collaborationSecret'));
    expect(() => createBulkTokenizer({ profile: 'meta', mode: 'sha256', workers: 0 })).toThrow(
      new RangeError('workers must be 1..256'),
    );
  });

  it('refuses work after close()', async () => {
    const closing = createBulkTokenizer({ profile: 'google', mode: 'sha256', workers: 1 });
    await closing.close();
    await expect(collect(closing.tokenize([{ idType: 'email', values: ['a@b.co'] }]))).rejects.toThrow(
      new Error('bulk tokenizer is closed'),
    );
  });
});
