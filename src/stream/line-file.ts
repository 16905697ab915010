/**
 * Buffered line files for spilling: a writer that batches lines into large writes, and a reader
 * that yields lines from large reads. Both are plain text, one record per line.
 */
import { createReadStream } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";

const FLUSH_CHARS = 1 << 20;

export class LineWriter {
  private parts: string[] = [];
  private size = 0;
  lines = 0;

  private constructor(private readonly handle: FileHandle) {}

  static async create(path: string): Promise<LineWriter> {
    return new LineWriter(await open(path, "w"));
  }

  async write(line: string): Promise<void> {
    this.parts.push(line);
    this.size += line.length + 1;
    this.lines++;
    if (this.size >= FLUSH_CHARS) await this.flush();
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

/** Lines of a file written by LineWriter (so every line ends with "\n"). */
export async function* readLines(path: string): AsyncGenerator<string> {
  let rest = "";
  for await (const chunk of createReadStream(path, { encoding: "utf8", highWaterMark: 1 << 16 })) {
    const text = rest + (chunk as string);
    let start = 0;
    let nl = text.indexOf("\n", start);
    while (nl !== -1) {
      yield text.slice(start, nl);
      start = nl + 1;
      nl = text.indexOf("\n", start);
    }
    rest = text.slice(start);
  }
  if (rest.length > 0) yield rest;
}
