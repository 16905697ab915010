/**
 * Line files for spilling: a writer that batches lines into large writes, and a reader that
 * yields the lines of each large read as one array. Reading in batches keeps the per-line cost
 * synchronous: an await per line, through several generators, cost more than parsing the line.
 */
import { createReadStream } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";

const FLUSH_CHARS = 1 << 20;
/** Small reads: a merge keeps one read buffer per run open. */
const READ_BYTES = 1 << 14;

export class LineWriter {
  private parts: string[] = [];
  private size = 0;

  private constructor(private readonly handle: FileHandle) {}

  static async create(path: string): Promise<LineWriter> {
    return new LineWriter(await open(path, "w"));
  }

  /** Buffers a line; returns a promise only when the buffer was written (await it then). */
  write(line: string): Promise<void> | undefined {
    this.parts.push(line);
    this.size += line.length + 1;
    return this.size >= FLUSH_CHARS ? this.flush() : undefined;
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const text = `${this.parts.join("\n")}\n`;
    this.parts = [];
    this.size = 0;
    await this.handle.write(text);
  }

  /** Flushes and closes; with `sync`, fsyncs first (for a file that outlives the run). */
  async close(sync = false): Promise<void> {
    await this.flush();
    if (sync) await this.handle.sync();
    await this.handle.close();
  }
}

/** The lines of a file written by LineWriter (every line ends with "\n"), a batch per read. */
export async function* readLineBatches(path: string): AsyncGenerator<string[]> {
  // A line longer than a read (a row holding a 16 MiB field) comes in over many reads: its
  // pieces wait in a list and are joined once, when its end arrives. Splitting `rest + chunk` at
  // every read instead scanned the line again each time, which grew with the square of its length.
  let pieces: string[] = [];
  for await (const chunk of createReadStream(path, { encoding: "utf8", highWaterMark: READ_BYTES })) {
    const lines = (chunk as string).split("\n");
    if (lines.length === 1) {
      pieces.push(lines[0]!);
      continue;
    }
    if (pieces.length > 0) {
      pieces.push(lines[0]!);
      lines[0] = pieces.join("");
    }
    pieces = [lines.pop()!];
    yield lines;
  }
  const last = pieces.join("");
  if (last.length > 0) yield [last];
}
