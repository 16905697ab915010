/**
 * Sorting more records than fit in memory, at a cost in proportion to the disorder. Records
 * (encoded lines, see record-codec.ts) that continue a run stream straight into its file,
 * unsorted: up to MAX_PILES runs are open at once, and a record joins the one whose last record
 * is the largest not above it (so stretches of the input that interleave, such as the series of
 * a country given in another order than their codes', each keep a run). A run no record has
 * joined for `minRun` records has ended (the input's next sorted stretch starts again below it)
 * and makes room for a new one. A record that fits no run goes aside; consecutive records aside
 * that are in order become a run once there are `minRun` of them; anything else goes to a buffer
 * that is sorted and written as a run when it reaches `runChars`. So an input in key order is
 * written as one run and never sorted, an input of k sorted stretches as about k runs, and a
 * shuffled one costs what a plain external sort costs. `stats` counts the rows each way.
 *
 * `sorted()` merges the runs with a binary heap, in rounds of at most MAX_FAN_IN runs so that
 * open files and read buffers stay bounded, and yields the records in batches. Ordering is plain
 * code-unit order of the lines, the same on every machine. A small input never touches the
 * disk: with no run written, it is sorted in memory (or not at all, when it came in order).
 *
 * Writing is synchronous: a few megabytes take milliseconds, and an asynchronous write was
 * measured to fall seconds behind in a busy worker thread (its messages were served first),
 * piling up buffers.
 */
import { closeSync, openSync, writeFileSync, writeSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { threadId } from "node:worker_threads";
import { LineWriter, readLineBatches } from "./line-file.js";

export interface SorterOptions {
  /** Folder for run files (inside the run's workspace, removed with it). */
  dir: string;
  /** Prefix of the run files' names (readable only: each sorter's names are unique anyway). */
  name: string;
  /** Characters of out-of-order records buffered before they are sorted and written as a run
   *  (default 4 Mi). Infinity: nothing is written; everything is sorted in memory at the end. */
  runChars?: number;
  /** Records in order that make a run of their own (default 512). Shorter stretches are sorted
   *  with the rest of the buffer. */
  minRun?: number;
  /** false: every record goes through the sort buffer, as before runs were detected (the tests
   *  compare the two paths; OPENFIGURES_SORT=full selects it for a run). */
  detectRuns?: boolean;
}

/** How records went through a sorter: `streamed` were written in the order they came, `sorted`
 *  went through a sort (in a spilled buffer or in memory), `runs` files were written. */
export interface SortStats {
  streamed: number;
  sorted: number;
  runs: number;
}

/** More runs than this are merged in rounds: each round opens at most this many files. */
const MAX_FAN_IN = 256;
/** Records per batch yielded by `sorted()` and `mergeRuns()`. */
const BATCH = 4096;
/** Characters of a streaming run held before they are written. */
const RUN_FLUSH_CHARS = 1 << 17;
/** Runs streamed at once. Sorted stretches that interleave each keep their own: the bench's file
 *  gives each country's 45 series in catalogue order, whose codes fall into 16 runs in key order
 *  (the longest decreasing sequence of them), so each source family streams as 16 runs. */
const MAX_PILES = 20;

/** Sorters made so far in this thread. Several sorters share one folder, some of them in
 *  worker threads that never see each other (each figures input gets its own pool of workers):
 *  the thread's id and this count make each sorter's run file names its own. */
let sorters = 0;

/** A sorted run being streamed: lines not yet written, its file once it has one, its last line. */
interface Pile {
  lines: string[];
  size: number;
  file: { fd: number; path: string } | null;
  tail: string;
  /** When a record last joined it (records added so far): the pile least used is ended first. */
  used: number;
}

export class ExternalSorter {
  /** Records out of order, sorted before they are written. */
  private buffer: string[] = [];
  private chars = 0;
  /** The runs being streamed (at most MAX_PILES). */
  private piles: Pile[] = [];
  /** Records that joined no run, in order among themselves: the start of a next run, maybe. */
  private side: string[] = [];
  private added = 0;
  private runs: string[] = [];
  private runSeq = 0;
  private final: string[] | null = null;
  private readonly prefix: string;
  private readonly limit: number;
  private readonly minRun: number;
  private readonly detect: boolean;
  readonly stats: SortStats = { streamed: 0, sorted: 0, runs: 0 };

  constructor(private readonly opts: SorterOptions) {
    this.prefix = `${opts.name}-t${threadId}-s${sorters++}`;
    this.limit = opts.runChars ?? 1 << 22;
    this.minRun = Math.max(1, opts.minRun ?? 512);
    // With no limit nothing may be written: there is nothing to stream to.
    this.detect = opts.detectRuns !== false && Number.isFinite(this.limit);
  }

  add(line: string): void {
    if (!this.detect) {
      this.toBuffer(line);
      return;
    }
    this.added++;
    // The run this record continues with the least gap: the one with the largest last record
    // not above it. A file of sorted stretches, read by several workers, gives each worker
    // stretches whose records interleave with the run before them: each keeps its own run.
    let best: Pile | null = null;
    for (const p of this.piles) if (p.tail <= line && (best === null || p.tail > best.tail)) best = p;
    if (best === null && this.piles.length < MAX_PILES) {
      best = { lines: [], size: 0, file: null, tail: line, used: 0 };
      this.piles.push(best);
    } else if (best === null) {
      // A run no record has joined for minRun records belongs to a stretch that has ended (the
      // file's next source family starts again at its first country): it ends, and this record
      // starts a run in its place.
      let lru = this.piles[0]!;
      for (const p of this.piles) if (p.used < lru.used) lru = p;
      if (this.added - lru.used >= this.minRun) {
        this.endPile(lru);
        best = { lines: [], size: 0, file: null, tail: line, used: 0 };
        this.piles[this.piles.indexOf(lru)] = best;
      }
    }
    if (best !== null) {
      this.toPile(best, line);
      return;
    }
    if (this.side.length > 0 && line < this.side[this.side.length - 1]!) this.dropSide();
    this.side.push(line);
    if (this.side.length >= this.minRun) {
      // A sorted stretch that fits no run: it replaces the run least used.
      let lru = this.piles[0]!;
      for (const p of this.piles) if (p.used < lru.used) lru = p;
      this.endPile(lru);
      const pile: Pile = { lines: [], size: 0, file: null, tail: this.side[0]!, used: 0 };
      this.piles[this.piles.indexOf(lru)] = pile;
      const next = this.side;
      this.side = [];
      for (const l of next) this.toPile(pile, l);
    }
  }

  /** Adds run files that are already sorted (written by worker threads), and how they were made. */
  addRuns(paths: readonly string[], stats?: SortStats): void {
    this.runs.push(...paths);
    if (stats) {
      this.stats.streamed += stats.streamed;
      this.stats.sorted += stats.sorted;
      this.stats.runs += stats.runs;
    }
  }

  private nextPath(): string {
    return join(this.opts.dir, `${this.prefix}-${this.runSeq++}.run`);
  }

  private toBuffer(line: string): void {
    this.buffer.push(line);
    this.chars += line.length;
    if (this.chars >= this.limit) this.spill();
  }

  private dropSide(): void {
    for (const l of this.side) this.toBuffer(l);
    this.side = [];
  }

  private toPile(p: Pile, line: string): void {
    p.lines.push(line);
    p.size += line.length + 1;
    p.tail = line;
    p.used = this.added;
    if (p.file === null && p.lines.length >= this.minRun) {
      const path = this.nextPath();
      p.file = { fd: openSync(path, "w"), path };
    }
    if (p.file !== null && p.size >= RUN_FLUSH_CHARS) this.flushPile(p);
  }

  private flushPile(p: Pile): void {
    if (p.file === null || p.lines.length === 0) return;
    writeSync(p.file.fd, `${p.lines.join("\n")}\n`);
    this.stats.streamed += p.lines.length;
    p.lines = [];
    p.size = 0;
  }

  /** Ends a run: written out as a run file, or, too short to have one, into the sort buffer
   *  (`always`: written as a run even so). */
  private endPile(p: Pile, always = false): void {
    if (p.file === null && always && p.lines.length > 0) {
      const path = this.nextPath();
      p.file = { fd: openSync(path, "w"), path };
    }
    if (p.file !== null) {
      this.flushPile(p);
      closeSync(p.file.fd);
      this.runs.push(p.file.path);
      this.stats.runs++;
      p.file = null;
    } else for (const l of p.lines) this.toBuffer(l);
    p.lines = [];
    p.size = 0;
  }

  /** Everything held goes to disk as runs: each streaming run as it is, even a short one (it is
   *  in order: sorting it with the rest would cost more than a small file more to merge), the
   *  records aside and the buffer sorted. */
  private finishRuns(): void {
    for (const p of this.piles) this.endPile(p, true);
    this.piles = [];
    this.dropSide();
    this.spill();
  }

  private spill(): void {
    if (this.buffer.length === 0) return;
    const path = this.nextPath();
    writeRunSync(path, this.buffer);
    this.runs.push(path);
    this.stats.sorted += this.buffer.length;
    this.stats.runs++;
    this.buffer = [];
    this.chars = 0;
  }

  /** Writes what is held as runs, even small ones, and returns every run written (for a worker
   *  thread handing its sorted runs to the main thread). */
  flushRuns(): string[] {
    this.finishRuns();
    return [...this.runs];
  }

  /** Every record, in order, in batches. May be called again: the runs are kept until `dispose`. */
  async *sorted(): AsyncGenerator<string[]> {
    if (this.final === null) {
      if (this.runs.length === 0 && this.piles.every((p) => p.file === null)) {
        // Everything is in memory: in order already when it all came in one run.
        this.final = [];
        const only = this.piles.length === 1 && this.buffer.length === 0 && this.side.length === 0;
        if (only) {
          this.buffer = this.piles[0]!.lines;
          this.stats.streamed += this.buffer.length;
        } else if (this.piles.length > 0 || this.side.length > 0) {
          for (const p of this.piles) this.buffer.push(...p.lines);
          this.buffer.push(...this.side);
        }
        if (!only) {
          this.buffer.sort();
          this.stats.sorted += this.buffer.length;
        }
        this.piles = [];
        this.side = [];
      } else {
        this.finishRuns();
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
    for (const p of this.piles) {
      if (p.file === null) continue;
      closeSync(p.file.fd);
      this.runs.push(p.file.path);
    }
    this.piles = [];
    await Promise.all([...this.runs, ...(this.final ?? [])].map((r) => rm(r, { force: true })));
    this.buffer = [];
    this.side = [];
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
