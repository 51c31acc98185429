/** A typed array (Uint32Array or Uint8Array) that grows by doubling. */
export class Growable<A extends Uint32Array | Uint8Array> {
  data: A;
  length = 0;
  constructor(
    private readonly kind: new (length: number) => A,
    capacity = 1024,
  ) {
    this.data = new kind(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new this.kind(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  copy(): Growable<A> {
    const c = new Growable(this.kind, this.data.length);
    c.data.set(this.data.subarray(0, this.length));
    c.length = this.length;
    return c;
  }
  view(): A {
    return this.data.subarray(0, this.length) as A;
  }
}
