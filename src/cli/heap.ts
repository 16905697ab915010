/**
 * The process's memory policy, set by the process adapter (bin.ts) before any work. V8 lets the
 * main thread's old generation grow to several times what survives a collection before it
 * collects again (its limit here is 4 GiB): a run holding about 50 MiB reached 200 MiB of heap
 * while publishing, and 335 MiB of RSS at 250k rows. A heap limit (--max-old-space-size) would
 * bound that, but would also fail a run that reads a record near MAX_RECORD_CHARS, which is held
 * several times over (docs/performance.md). V8 reads --heap-growing-percent each time it sets
 * the heap's next limit, so set at start it takes effect: the old generation then grows by at
 * most this share over what survived. Measured at 250k rows: peak RSS 264 MiB at 30% against 335
 * unset, CPU unchanged; at 1M rows, 248 MiB at 15% against 268 at 30%, CPU within the noise of
 * a shared machine (81.7 s against 77.5). (--optimize-for-size, also read at run time, took the
 * 250k peak to 223 MiB but cost 50% more CPU.) Flags are the process's: worker threads collect
 * under it too, within their limits.
 */
import { setFlagsFromString } from "node:v8";

export const HEAP_GROWING_PERCENT = 15;

export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
