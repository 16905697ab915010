/**
 * Reads one CSV file as batches of framed records, each located by its physical line. Bytes are
 * checked as UTF-8 (decode.ts) and hashed as they pass; records are split by the framer
 * (framer.ts). A batch is about BATCH_CHARS of text: large enough that handing it to a worker
 * thread costs little per row, small enough that memory holds a few batches, whatever the size
 * of the file.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { Utf8Stream } from "./decode.js";
import { RecordFramer, type FramedRecord, type LineEnding } from "./framer.js";

export const BATCH_CHARS = 1 << 20;

/** The batch size: OPENFIGURES_BATCH_CHARS overrides BATCH_CHARS. Not for users: it lets tests
 *  cross batches (and send several to worker threads) with files of a few hundred rows. */
export function batchCharsFrom(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const forced = env.OPENFIGURES_BATCH_CHARS;
  return forced !== undefined && /^[1-9]\d*$/.test(forced) ? Number(forced) : BATCH_CHARS;
}

/** What was learned about the file as a whole; complete once the batches are exhausted. */
export interface CsvFileInfo {
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

export async function* readBatches(path: string, info: CsvFileInfo, batchChars = BATCH_CHARS): AsyncGenerator<FramedRecord[]> {
  const decoder = new Utf8Stream();
  const framer = new RecordFramer();
  const hash = createHash("sha256");
  let batch: FramedRecord[] = [];
  let chars = 0;
  const take = (records: FramedRecord[]) => {
    for (const r of records) {
      batch.push(r);
      chars += r.text.length;
    }
  };
  // A batch is yielded between chunks read: chunks no larger than a batch keep small batches small.
  const stream = createReadStream(path, { highWaterMark: Math.min(1 << 20, batchChars) });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      info.bytes += chunk.length;
      hash.update(chunk);
      const res = decoder.decode(chunk);
      take(framer.push(res.ok ? res.text : res.validText));
      if (!res.ok) {
        info.encoding = { line: framer.currentLine, guess: res.guess };
        break;
      }
      if (chars >= batchChars) {
        yield batch;
        batch = [];
        chars = 0;
      }
    }
    if (!info.encoding) {
      const fin = decoder.finish();
      if (!fin.ok) info.encoding = { line: framer.currentLine, guess: fin.guess };
      take(framer.end());
    }
    if (batch.length > 0) yield batch;
  } finally {
    stream.destroy();
    info.bom = decoder.bom;
    info.sha256 = hash.digest("hex");
    for (const [k, v] of framer.endings) info.endings.set(k, v);
  }
}
