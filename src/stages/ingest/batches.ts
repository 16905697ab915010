/**
 * Reads one CSV file as batches of framed records, each located by its physical line. Bytes are
 * decoded by the dialect's encoding (UTF-8 checked by decode.ts, Windows-1252 by
 * windows-1252.ts) and hashed as they pass; records are split by the framer (framer.ts) with the
 * dialect's delimiter and quote. A batch is about BATCH_CHARS of text: large enough that handing it to a worker
 * thread costs little per row, small enough that memory holds a few batches, whatever the size
 * of the file.
 */
import { createHash } from "node:crypto";
import { open, type FileHandle } from "node:fs/promises";
import { DEFAULT_DIALECT } from "./dialect.js";
import type { Dialect } from "../../contracts/dialect.js";
import { decoderFor } from "./encoding.js";
import { MAX_RECORD_CHARS, RecordFramer, type FramedRecord, type LineEnding } from "./framer.js";

/** 256 Ki characters: a worker thread holds a batch several times over (text, cells, records)
 *  within its heap limit (parallel.ts); 1 Mi needed a 128 MiB heap. */
export const BATCH_CHARS = 1 << 18;

/** The batch size: OPENFIGURES_BATCH_CHARS overrides BATCH_CHARS. Not for users: it lets tests
 *  cross batches (and send several to worker threads) with files of a few hundred rows. */
export function batchCharsFrom(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const forced = env.OPENFIGURES_BATCH_CHARS;
  return forced !== undefined && /^[1-9]\d*$/.test(forced) ? Number(forced) : BATCH_CHARS;
}

/** What was learned about the file as a whole; complete once the batches are exhausted. */
export interface CsvFileInfo {
  /** Bytes of the file read so far (all of them once the batches are exhausted). */
  bytes: number;
  /** sha256 (hex) of the bytes read: of the whole file when reading finished without an encoding error. */
  sha256: string;
  bom: boolean;
  endings: Map<LineEnding, number>;
  encoding: { line: number; guess: string } | null;
}

export function newFileInfo(): CsvFileInfo {
  return { bytes: 0, sha256: "", bom: false, endings: new Map(), encoding: null };
}

/**
 * The file's records in batches. Bytes are read at explicit positions so that reading can go
 * back: past its record limit the framer no longer keeps the text it may have to read again
 * (framer.ts, "Large records"), and asks for it from a byte offset instead. Bytes read again are
 * not hashed or counted again.
 */
export async function* readBatches(
  file: FileHandle | string,
  info: CsvFileInfo,
  batchChars = BATCH_CHARS,
  maxRecordChars = MAX_RECORD_CHARS,
  dialect: Pick<Dialect, "encoding" | "delimiter" | "quoteChar"> = DEFAULT_DIALECT,
): AsyncGenerator<FramedRecord[]> {
  let decoder = decoderFor(dialect.encoding);
  const framer = new RecordFramer({ maxRecordChars, delimiter: dialect.delimiter, quoteChar: dialect.quoteChar, singleByte: dialect.encoding === "windows-1252" });
  const hash = createHash("sha256");
  /** Bytes of the file hashed so far, from its start. */
  let hashed = 0;
  /** A byte-order mark is not part of the text the framer counts its bytes in. */
  let textStart = 0;
  let batch: FramedRecord[] = [];
  let chars = 0;
  const take = (records: FramedRecord[]) => {
    for (const r of records) {
      batch.push(r);
      chars += r.text.length;
    }
  };
  // A batch is yielded between reads: reads no larger than a batch keep small batches small.
  const readSize = Math.min(1 << 20, batchChars);
  // A path is opened (and closed) here; an open file (raw-file.ts checked it) stays the caller's.
  const handle = typeof file === "string" ? await open(file, "r") : file;
  let position = 0;
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(readSize);
      const { bytesRead } = await handle.read(chunk, 0, readSize, position);
      if (position + bytesRead > hashed) {
        hash.update(chunk.subarray(hashed - position, bytesRead));
        hashed = position + bytesRead;
        // Kept current as reading goes, for the run's progress (bytes read against the size).
        info.bytes = hashed;
      }
      position += bytesRead;
      if (bytesRead === 0) {
        const fin = decoder.finish();
        if (!fin.ok) {
          info.encoding = { line: framer.currentLine, guess: fin.guess };
          break;
        }
        take(framer.end());
      } else {
        const first = position === bytesRead;
        const res = decoder.decode(chunk.subarray(0, bytesRead));
        if (first && decoder.bom) textStart = 3;
        take(framer.push(res.ok ? res.text : res.validText, res.bytes));
        if (!res.ok) {
          info.encoding = { line: framer.currentLine, guess: res.guess };
          break;
        }
      }
      const rewind = framer.takeRewind();
      if (rewind) {
        position = textStart + rewind.byte;
        decoder = decoderFor(dialect.encoding, { midFile: true });
      } else if (bytesRead === 0) break;
      if (chars >= batchChars) {
        yield batch;
        batch = [];
        chars = 0;
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    if (typeof file === "string") await handle.close();
    info.bytes = hashed;
    info.bom = textStart > 0;
    info.sha256 = hash.digest("hex");
    for (const [k, v] of framer.endings) info.endings.set(k, v);
  }
}
