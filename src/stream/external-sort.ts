/**
 * Sorting more records than fit in memory: records (encoded lines, see record-codec.ts) are
 * buffered up to a size, sorted and written as a run file; `sorted()` merges the runs with a
 * binary heap, in rounds of at most MAX_FAN_IN runs so that open files and read buffers stay
 * bounded. Ordering is plain code-unit order of the lines, the same on every machine. A small
 * input never touches the disk: with no run written, it is sorted in memory.
 *
 * `add` is synchronous and so is writing a run: the write of a few megabytes takes
 * milliseconds, and an asynchronous write was measured to fall seconds behind in a busy
 * worker thread (its messages were served first), piling up buffers.
 */
import { writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { LineWriter, readLines } from "./line-file.js";

export interface SorterOptions {
  /** Folder for run files (inside the run's workspace, removed with it). */
  dir: string;
  /** Prefix of the run files' names. */
  name: string;
  /** Characters buffered before a run is written (default 4 Mi). */
  runChars?: number;
}

/** More runs than this are merged in rounds: each round opens at most this many files. */
export const MAX_FAN_IN = 64;

export class ExternalSorter {
  private buffer: string[] = [];
  private chars = 0;
  private runs: string[] = [];
  private runSeq = 0;
  private final: string[] | null = null;
  count = 0;

  constructor(private readonly opts: SorterOptions) {}

  add(line: string): void {
    this.buffer.push(line);
    this.chars += line.length;
    this.count++;
    if (this.chars >= (this.opts.runChars ?? 1 << 22)) this.spill();
  }

  /** Adds run files that are already sorted (written by worker threads), holding `lines` records. */
  addRuns(paths: readonly string[], lines: number): void {
    this.runs.push(...paths);
    this.count += lines;
  }

  private nextPath(): string {
    return join(this.opts.dir, `${this.opts.name}-${this.runSeq++}.run`);
  }

  private spill(): void {
    if (this.buffer.length === 0) return;
    const lines = this.buffer;
    const path = this.nextPath();
    this.runs.push(path);
    this.buffer = [];
    this.chars = 0;
    writeRunSync(path, lines);
  }

  /** Writes what is buffered as a run, even a small one, and returns every run written (for a
   *  worker thread handing its sorted runs to the main thread). */
  flushRuns(): string[] {
    this.spill();
    return [...this.runs];
  }

  /** Every record, in order. May be called again: the merged runs are kept until `dispose`. */
  async *sorted(): AsyncGenerator<string> {
    if (this.final === null) {
      if (this.runs.length === 0) {
        this.final = [];
        this.buffer.sort(compare);
        yield* this.buffer;
        return;
      }
      this.spill();
      while (this.runs.length > MAX_FAN_IN) {
        const next: string[] = [];
        for (let i = 0; i < this.runs.length; i += MAX_FAN_IN) {
          const group = this.runs.slice(i, i + MAX_FAN_IN);
          if (group.length === 1) next.push(group[0]!);
          else {
            const path = this.nextPath();
            const w = await LineWriter.create(path);
            for await (const line of mergeRuns(group)) await w.write(line);
            await w.close();
            await Promise.all(group.map((r) => rm(r, { force: true })));
            next.push(path);
          }
        }
        this.runs = next;
      }
      this.final = this.runs;
    }
    if (this.final.length === 0) yield* this.buffer;
    else yield* mergeRuns(this.final);
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.runs, ...(this.final ?? [])].map((r) => rm(r, { force: true })));
    this.buffer = [];
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function writeRunSync(path: string, lines: string[]): void {
  lines.sort(compare);
  writeFileSync(path, `${lines.join("\n")}\n`);
}

/** k-way merge of sorted line files. */
export async function* mergeRuns(paths: readonly string[]): AsyncGenerator<string> {
  const readers = paths.map((p) => readLines(p));
  const heap: { line: string; src: number }[] = [];
  const push = (item: { line: string; src: number }) => {
    let i = heap.length;
    heap.push(item);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]!.line <= item.line) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = item;
  };
  const pop = (): { line: string; src: number } => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= heap.length) break;
        const r = l + 1;
        const c = r < heap.length && heap[r]!.line < heap[l]!.line ? r : l;
        if (heap[c]!.line >= last.line) break;
        heap[i] = heap[c]!;
        i = c;
      }
      heap[i] = last;
    }
    return top;
  };
  for (let s = 0; s < readers.length; s++) {
    const first = await readers[s]!.next();
    if (!first.done) push({ line: first.value, src: s });
  }
  while (heap.length > 0) {
    const top = pop();
    yield top.line;
    const next = await readers[top.src]!.next();
    if (!next.done) push({ line: next.value, src: top.src });
  }
}
