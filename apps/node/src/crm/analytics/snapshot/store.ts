// The in-process analytics snapshot: customers (with their customer-level dimensions), their purchases and their
// NPS/CSAT answers as typed columns. Each customer's purchases and answers are one contiguous block, so a scan
// meets every customer's rows together and counts distinct customers per cell without sorting or hashing them.
import { type Column, Dict, floats, ints } from './columns.ts';

export const CUSTOMER_FIELDS = [
  'country',
  'sex',
  'income_band',
  'education',
  'region',
  'loyalty_tier',
  'value_tier',
] as const;
export type CustomerField = (typeof CUSTOMER_FIELDS)[number];
export const PURCHASE_FIELDS = ['product', 'category', 'supplier', 'brand'] as const;
export type PurchaseField = (typeof PURCHASE_FIELDS)[number];
export const SCORE_KINDS = ['nps', 'csat'] as const;

export interface CustomerRow {
  id: string;
  deleted: boolean;
  /** Birth date as YYYYMMDD, or null. */
  birth: number | null;
  /** uuid_hash(id) as Postgres computes it: segment members come back as these 4-byte hashes. */
  hash: number;
  household_size: number | null;
  fields: Record<CustomerField, string | null>;
}
export interface PurchaseRow {
  customer_id: string;
  ms: number;
  cents: number;
  fields: Record<PurchaseField, string | null>;
}
export interface AnswerRow {
  customer_id: string;
  ms: number;
  score: number;
  kind: (typeof SCORE_KINDS)[number];
  survey_id: string;
  question_key: string;
}

const record = <K extends string, V>(keys: readonly K[], make: () => V) =>
  Object.fromEntries(keys.map((k) => [k, make()])) as Record<K, V>;

export class Snapshot {
  readonly slotOf = new Map<string, number>();
  readonly dicts = {
    ...record(CUSTOMER_FIELDS, () => new Dict()),
    ...record(PURCHASE_FIELDS, () => new Dict()),
    survey: new Dict(),
    question: new Dict(),
  };
  // Per customer slot.
  readonly present = ints();
  readonly birth = ints();
  readonly hash = ints();
  readonly householdSize = ints();
  readonly customer = record(CUSTOMER_FIELDS, ints);
  readonly pStart = ints();
  readonly pLen = ints();
  readonly aStart = ints();
  readonly aLen = ints();
  // Per purchase.
  readonly pMs = floats();
  readonly pCents = floats();
  readonly purchase = record(PURCHASE_FIELDS, ints);
  // Per NPS/CSAT answer.
  readonly aMs = floats();
  readonly aScore = ints();
  readonly aKind = ints();
  readonly aSurvey = ints();
  readonly aQuestion = ints();
  /** Day numbers (UTC days since 1970) spanned by purchases and answers ever stored. */
  minDay = Number.POSITIVE_INFINITY;
  maxDay = Number.NEGATIVE_INFINITY;
  private dead = 0;
  /** Bumped by every change, so indexes derived from the slots know when to rebuild. */
  version = 0;

  get slots(): number {
    return this.present.length;
  }

  private slot(id: string): number {
    let s = this.slotOf.get(id);
    if (s !== undefined) return s;
    s = this.present.push(0);
    for (const c of [
      this.birth,
      this.hash,
      this.householdSize,
      this.pStart,
      this.pLen,
      this.aStart,
      this.aLen,
    ])
      c.push(0);
    for (const f of CUSTOMER_FIELDS) this.customer[f].push(-1);
    this.slotOf.set(id, s);
    return s;
  }

  /** Replaces everything known about these customers; ids missing from `customers` no longer exist. */
  replace(ids: readonly string[], customers: CustomerRow[], purchases: PurchaseRow[], answers: AnswerRow[]) {
    this.version++;
    for (const id of ids) {
      const s = this.slotOf.get(id);
      if (s === undefined) continue;
      this.dead += this.pLen.data[s]! + this.aLen.data[s]!;
      this.present.set(s, 0);
      this.pLen.set(s, 0);
      this.aLen.set(s, 0);
    }
    this.setCustomers(customers);
    this.append(purchases, answers);
  }

  /** Overwrites these customers' own fields (not their purchases or answers); new ids get a slot. */
  setCustomers(customers: CustomerRow[]): void {
    this.version++;
    for (const c of customers) this.setCustomer(c);
  }

  /** Adds purchases and answers to their customers' blocks (each grouped by customer). */
  append(purchases: PurchaseRow[], answers: AnswerRow[]): void {
    this.version++;
    const purchaseColumns = [this.pMs, this.pCents, ...PURCHASE_FIELDS.map((f) => this.purchase[f])];
    this.extendBlocks(purchases, [this.pStart, this.pLen], purchaseColumns, (p) => this.pushPurchase(p));
    const answerColumns = [this.aMs, this.aScore, this.aKind, this.aSurvey, this.aQuestion];
    this.extendBlocks(answers, [this.aStart, this.aLen], answerColumns, (a) => this.pushAnswer(a));
  }

  private setCustomer(c: CustomerRow): void {
    const s = this.slot(c.id);
    this.present.set(s, c.deleted ? 0 : 1);
    this.birth.set(s, c.birth ?? -1);
    this.hash.set(s, c.hash);
    this.householdSize.set(s, c.household_size ?? -1);
    for (const f of CUSTOMER_FIELDS) this.customer[f].set(s, this.dicts[f].code(c.fields[f]));
  }

  /**
   * Adds rows to their customers' blocks: a customer's block not at the end of the columns is first copied there
   * (its old rows count as dead). Rows must come grouped by customer (the loader orders them by customer id).
   */
  private extendBlocks<R extends { customer_id: string; ms: number }>(
    rows: R[],
    [start, len]: [Column<Int32Array>, Column<Int32Array>],
    columns: ReadonlyArray<Column<Int32Array | Float64Array>>,
    push: (r: R) => void,
  ): void {
    let current = -1;
    for (const r of rows) {
      const s = this.slotOf.get(r.customer_id);
      if (s === undefined) continue; // a row of a customer that did not exist in the same snapshot: impossible
      if (s !== current) {
        current = s;
        const [from, n, end] = [start.data[s]!, len.data[s]!, columns[0]!.length];
        if (n === 0 || from + n !== end) start.set(s, end);
        if (n > 0 && from + n !== end) {
          for (let i = from; i < from + n; i++) for (const c of columns) c.push(c.data[i]!);
          this.dead += n;
        }
      }
      push(r);
      len.set(s, len.data[s]! + 1);
      const day = Math.floor(r.ms / 86_400_000);
      if (day < this.minDay) this.minDay = day;
      if (day > this.maxDay) this.maxDay = day;
    }
  }

  private pushPurchase(p: PurchaseRow): void {
    this.pMs.push(p.ms);
    this.pCents.push(p.cents);
    for (const f of PURCHASE_FIELDS) this.purchase[f].push(this.dicts[f].code(p.fields[f]));
  }

  private pushAnswer(a: AnswerRow): void {
    this.aMs.push(a.ms);
    this.aScore.push(a.score);
    this.aKind.push(SCORE_KINDS.indexOf(a.kind));
    this.aSurvey.push(this.dicts.survey.code(a.survey_id));
    this.aQuestion.push(this.dicts.question.code(a.question_key));
  }

  /** Rows replaced by a reload stay in the columns until they outnumber the live ones. */
  get wasted(): number {
    return this.dead;
  }
}
