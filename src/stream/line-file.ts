/**
 * Line files for spilling: a writer that batches lines into large writes, and a reader that
 * yields the lines of each large read as one array. Reading in batches keeps the per-line cost
 * synchronous: an await per line, through several generators, cost more than parsing the line.
 */
import { createReadStream } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";

const FLUSH_CHARS = 1 << 20;
/** Small reads: a merge keeps one read buffer per run open. */
const READ_BYTES = 1 << 16;

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
  let rest = "";
  for await (const chunk of createReadStream(path, { encoding: "utf8", highWaterMark: READ_BYTES })) {
    const lines = (rest + (chunk as string)).split("\n");
    rest = lines.pop()!;
    if (lines.length > 0) yield lines;
  }
  if (rest.length > 0) yield [rest];
}
