/**
 * Sorting more records than fit in memory: records (encoded lines, see record-codec.ts) are
 * buffered up to a size, sorted and written as a run file; `sorted()` merges the runs with a
 * binary heap, in rounds of at most MAX_FAN_IN runs so that open files and read buffers stay
 * bounded, and yields the records in batches. Ordering is plain code-unit order of the lines,
 * the same on every machine. A small input never touches the disk: with no run written, it is
 * sorted in memory.
 *
 * Writing a run is synchronous: a few megabytes take milliseconds, and an asynchronous write
 * was measured to fall seconds behind in a busy worker thread (its messages were served
 * first), piling up buffers.
 */
import { writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import { LineWriter, readLineBatches } from "./line-file.js";

export interface SorterOptions {
  /** Folder for run files (inside the run's workspace, removed with it). */
  dir: string;
  /** Prefix of the run files' names (readable only: each sorter's names are unique anyway). */
  name: string;
  /** Characters buffered before a run is written (default 4 Mi). */
  runChars?: number;
}

/** More runs than this are merged in rounds: each round opens at most this many files. */
const MAX_FAN_IN = 128;
/** Records per batch yielded by `sorted()` and `mergeRuns()`. */
const BATCH = 4096;

/** Sorters made so far in this thread. Several sorters share one folder, some of them in
 *  worker threads that never see each other (each figures input gets its own pool of workers):
 *  the thread's id and this count make each sorter's run file names its own. */
let sorters = 0;

export class ExternalSorter {
  private buffer: string[] = [];
  private chars = 0;
  private runs: string[] = [];
  private runSeq = 0;
  private final: string[] | null = null;
  private readonly prefix: string;

  constructor(private readonly opts: SorterOptions) {
    this.prefix = `${opts.name}-t${threadId}-s${sorters++}`;
  }

  add(line: string): void {
    this.buffer.push(line);
    this.chars += line.length;
    if (this.chars >= (this.opts.runChars ?? 1 << 22)) this.spill();
  }

  /** Adds run files that are already sorted (written by worker threads). */
  addRuns(paths: readonly string[]): void {
    this.runs.push(...paths);
  }

  private nextPath(): string {
    return join(this.opts.dir, `${this.prefix}-${this.runSeq++}.run`);
  }

  private spill(): void {
    if (this.buffer.length === 0) return;
    const path = this.nextPath();
    writeRunSync(path, this.buffer);
    this.runs.push(path);
    this.buffer = [];
    this.chars = 0;
  }

  /** Writes what is buffered as a run, even a small one, and returns every run written (for a
   *  worker thread handing its sorted runs to the main thread). */
  flushRuns(): string[] {
    this.spill();
    return [...this.runs];
  }

  /** Every record, in order, in batches. May be called again: the runs are kept until `dispose`. */
  async *sorted(): AsyncGenerator<string[]> {
    if (this.final === null) {
      if (this.runs.length === 0) {
        this.final = [];
        this.buffer.sort();
      } else {
        this.spill();
        while (this.runs.length > MAX_FAN_IN) {
          const next: string[] = [];
          for (let i = 0; i < this.runs.length; i += MAX_FAN_IN) {
            const group = this.runs.slice(i, i + MAX_FAN_IN);
            if (group.length === 1) next.push(group[0]!);
            else {
              const path = this.nextPath();
              const w = await LineWriter.create(path);
              for await (const batch of mergeRuns(group)) {
                for (const line of batch) {
                  const wrote = w.write(line);
                  if (wrote) await wrote;
                }
              }
              await w.close();
              await Promise.all(group.map((r) => rm(r, { force: true })));
              next.push(path);
            }
          }
          this.runs = next;
        }
        this.final = this.runs;
      }
    }
    if (this.final.length === 0) {
      for (let i = 0; i < this.buffer.length; i += BATCH) yield this.buffer.slice(i, i + BATCH);
    } else yield* mergeRuns(this.final);
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.runs, ...(this.final ?? [])].map((r) => rm(r, { force: true })));
    this.buffer = [];
  }
}

function writeRunSync(path: string, lines: string[]): void {
  // The default sort compares strings by UTF-16 code units, as `compare` does, without a call
  // back into JavaScript per comparison.
  lines.sort();
  writeFileSync(path, `${lines.join("\n")}\n`);
}

interface Cursor {
  lines: string[];
  at: number;
  reader: AsyncIterator<string[]>;
}

/** Reads a cursor's next batch (it ran out). False when its file is done. */
async function refill(c: Cursor): Promise<boolean> {
  while (c.at >= c.lines.length) {
    const next = await c.reader.next();
    if (next.done) return false;
    c.lines = next.value;
    c.at = 0;
  }
  return true;
}

/** k-way merge of sorted line files, in batches. Awaits only when a file's batch runs out. */
async function* mergeRuns(paths: readonly string[]): AsyncGenerator<string[]> {
  const cursors: Cursor[] = [];
  for (const p of paths) {
    const c: Cursor = { lines: [], at: 0, reader: readLineBatches(p)[Symbol.asyncIterator]() };
    if (await refill(c)) cursors.push(c);
  }
  if (cursors.length === 1) {
    const c = cursors[0]!;
    yield c.lines.slice(c.at);
    for (let n = await c.reader.next(); !n.done; n = await c.reader.next()) yield n.value;
    return;
  }
  const heap = cursors;
  const less = (a: Cursor, b: Cursor) => a.lines[a.at]! < b.lines[b.at]!;
  const down = (i: number) => {
    const item = heap[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= heap.length) break;
      const r = l + 1;
      const c = r < heap.length && less(heap[r]!, heap[l]!) ? r : l;
      if (!less(heap[c]!, item)) break;
      heap[i] = heap[c]!;
      i = c;
    }
    heap[i] = item;
  };
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
  let out: string[] = [];
  while (heap.length > 0) {
    const top = heap[0]!;
    out.push(top.lines[top.at++]!);
    if (top.at >= top.lines.length && !(await refill(top))) {
      heap[0] = heap[heap.length - 1]!;
      heap.pop();
    }
    if (heap.length > 0) down(0);
    if (out.length >= BATCH) {
      yield out;
      out = [];
    }
  }
  if (out.length > 0) yield out;
}
