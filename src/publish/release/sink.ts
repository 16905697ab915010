/**
 * Writing one output file atomically: bytes go to a temporary file beside the target, are
 * hashed and counted on the way, fsynced, and only then renamed over the target. A reader sees
 * the old file or the new one, never a part. Writes are buffered and awaited, so a large output
 * streams with back-pressure instead of piling up in memory.
 */
import { createHash } from "node:crypto";
import { open, rename, rm, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { crashPoint } from "./crash.js";
import type { OutputSink } from "../../contracts/target.js";

const FLUSH_BYTES = 1 << 16;

export interface WrittenFile {
  readonly bytes: number;
  readonly sha256: string;
}

class FileSink implements OutputSink {
  private readonly hash = createHash("sha256");
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  bytes = 0;

  constructor(private readonly handle: FileHandle) {}

  async write(chunk: string | Uint8Array): Promise<void> {
    const buf = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.pending.push(buf);
    this.pendingBytes += buf.length;
    if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const buf = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.hash.update(buf);
    this.bytes += buf.length;
    let off = 0;
    while (off < buf.length) {
      const { bytesWritten } = await this.handle.write(buf, off, buf.length - off);
      off += bytesWritten;
      crashPoint("partial-file");
    }
  }

  digest(): string {
    return this.hash.digest("hex");
  }
}

/** Temporary name beside the target, so the final rename stays on one file system. */
function temporaryPath(target: string): string {
  return join(dirname(target), `.${basename(target)}.tmp-${process.pid}-${Date.now().toString(36)}`);
}

export interface AtomicFile {
  readonly sink: OutputSink;
  /** fsync, then rename over the target. */
  commit(): Promise<WrittenFile>;
  /** Remove the temporary file; the target stays as it was. */
  abort(): Promise<void>;
}

/** Opens `target` for an atomic write: bytes go to a temporary file until `commit`. */
export async function openAtomic(target: string): Promise<AtomicFile> {
  const tmp = temporaryPath(target);
  const handle = await open(tmp, "wx");
  const sink = new FileSink(handle);
  let open_ = true;
  return {
    sink,
    async commit() {
      await sink.flush();
      await handle.sync();
      await handle.close();
      open_ = false;
      await rename(tmp, target);
      await syncDirectory(dirname(target));
      return { bytes: sink.bytes, sha256: sink.digest() };
    },
    async abort() {
      if (open_) await handle.close().catch(() => undefined);
      open_ = false;
      await rm(tmp, { force: true });
    },
  };
}

/**
 * Writes `target` atomically with the bytes `fill` produces. On any failure the temporary file
 * is removed and the previous `target` (if any) is left as it was.
 */
export async function writeAtomic(target: string, fill: (sink: OutputSink) => Promise<void>): Promise<WrittenFile> {
  const file = await openAtomic(target);
  try {
    await fill(file.sink);
    return await file.commit();
  } catch (err) {
    await file.abort();
    throw err;
  }
}

export async function writeFileAtomic(target: string, content: string | Uint8Array): Promise<WrittenFile> {
  return writeAtomic(target, (sink) => sink.write(content));
}

/** fsync a directory so a rename inside it survives a power cut. Not possible on every OS. */
export async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch {
    // Some platforms cannot open or fsync a directory; the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}
