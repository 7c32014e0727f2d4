// Growable typed columns and string dictionaries for the in-process analytics snapshot.

export class Column<T extends Int32Array | Float64Array> {
  data: T;
  length = 0;
  constructor(private readonly make: (n: number) => T) {
    this.data = make(1024);
  }
  push(v: number): number {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length] = v;
    return this.length++;
  }
  set(i: number, v: number): void {
    this.data[i] = v;
  }
  clear(): void {
    this.length = 0;
  }
}

export const ints = () => new Column((n) => new Int32Array(n));
export const floats = () => new Column((n) => new Float64Array(n));

/** Values ↔ dense codes 0…n−1; null is −1. Codes are never reused, so old rows stay decodable. */
export class Dict {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  code(v: string | null): number {
    if (v === null) return -1;
    let c = this.index.get(v);
    if (c === undefined) {
      c = this.values.length;
      this.values.push(v);
      this.index.set(v, c);
    }
    return c;
  }
  find(v: string): number | undefined {
    return this.index.get(v);
  }
  get size(): number {
    return this.values.length;
  }
}
