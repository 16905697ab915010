/**
 * Which keys, arriving in any order, can still be among the `limit` smallest of all: a max-heap
 * of the smallest seen so far. The issue log asks it before spilling a warning, so a code with a
 * million warnings spills about as many as validation.json will list (plus those that arrive
 * out of order), not a million. Memory: `limit` short keys.
 *
 * `offer` errs on the side of keeping: a key equal to the largest kept is kept too (its order
 * among equals is decided later, by the rest of the record), and a key that is kept and later
 * pushed out was spilled for nothing, which costs disk, never a listed issue. A key is refused
 * only when `limit` keys strictly smaller than it have been seen, so it cannot be among the first.
 */
export class FirstKeys {
  private readonly heap: string[] = [];

  constructor(private readonly limit: number) {}

  /** Whether `key` may be among the first `limit`; remembers it if so. */
  offer(key: string): boolean {
    const heap = this.heap;
    if (heap.length < this.limit) {
      heap.push(key);
      this.up(heap.length - 1);
      return true;
    }
    if (heap.length === 0) return false;
    const max = heap[0]!;
    if (key > max) return false;
    if (key < max) {
      heap[0] = key;
      this.down(0);
    }
    return true;
  }

  private up(i: number): void {
    const heap = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]! >= heap[i]!) return;
      [heap[parent], heap[i]] = [heap[i]!, heap[parent]!];
      i = parent;
    }
  }

  private down(i: number): void {
    const heap = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let top = i;
      if (l < heap.length && heap[l]! > heap[top]!) top = l;
      if (r < heap.length && heap[r]! > heap[top]!) top = r;
      if (top === i) return;
      [heap[top], heap[i]] = [heap[i]!, heap[top]!];
      i = top;
    }
  }
}
