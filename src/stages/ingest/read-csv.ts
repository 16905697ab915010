/**
 * Streams one CSV file as records located by physical line. Bytes are checked as UTF-8
 * (decode.ts), split into records (framer.ts), and the well-formed ones are parsed into cells by
 * a csv-parse stream; records the framer refused, and blank lines, come out in their place in
 * file order. Memory stays at about one chunk of the file plus csv-parse's buffer.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { once } from "node:events";
import { parse, type Parser } from "csv-parse";
import { Utf8Stream } from "./decode.js";
import { RecordFramer, type FrameProblem, type FramedRecord, type LineEnding } from "./framer.js";

export type CsvEvent =
  | { kind: "record"; line: number; values: string[]; text: string }
  | { kind: "blank"; line: number }
  | { kind: "broken"; line: number; text: string; problem: FrameProblem; detail: string | null };

/** What was learned about the file as a whole; complete once the events are exhausted. */
export interface CsvFileInfo {
  bytes: number;
  /** sha256 (hex) of the bytes read; of the whole file once reading finished without an encoding error. */
  sha256: string;
  bom: boolean;
  endings: Map<LineEnding, number>;
  encoding: { line: number; guess: string } | null;
}

type Pending = { kind: "record"; line: number; text: string } | Exclude<CsvEvent, { kind: "record" }>;

const CHUNK = 1 << 16;

export async function* readCsv(path: string, info: CsvFileInfo): AsyncGenerator<CsvEvent> {
  const parser: Parser = parse({ record_delimiter: "\n", relax_column_count: true, quote: '"', escape: '"' });
  const stream = createReadStream(path, { highWaterMark: CHUNK });
  const decoder = new Utf8Stream();
  const framer = new RecordFramer();
  const queue: Pending[] = [];
  let head = 0;
  let failure: unknown = null;
  const hash = createHash("sha256");

  const feed = (records: FramedRecord[]): boolean => {
    let room = true;
    for (const r of records) {
      if (r.problem) queue.push({ kind: "broken", line: r.line, text: r.text, problem: r.problem, detail: r.detail });
      else if (r.text.trim() === "") queue.push({ kind: "blank", line: r.line });
      else {
        queue.push({ kind: "record", line: r.line, text: r.text });
        room = parser.write(`${r.text}\n`) && room;
      }
    }
    return room;
  };

  const producer = (async () => {
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        info.bytes += chunk.length;
        hash.update(chunk);
        const res = decoder.decode(chunk);
        if (!feed(framer.push(res.ok ? res.text : res.validText))) await once(parser, "drain");
        if (!res.ok) {
          info.encoding = { line: framer.currentLine, guess: res.guess };
          break;
        }
      }
      if (!info.encoding) {
        const fin = decoder.finish();
        if (!fin.ok) info.encoding = { line: framer.currentLine, guess: fin.guess };
        feed(framer.end());
      }
    } catch (err) {
      failure = err;
    } finally {
      info.bom = decoder.bom;
      info.sha256 = hash.digest("hex");
      for (const [k, v] of framer.endings) info.endings.set(k, v);
      parser.end();
    }
  })();

  function* drainUntilRecord(): Generator<CsvEvent, { line: number; text: string } | null> {
    while (head < queue.length) {
      const p = queue[head++]!;
      if (p.kind === "record") return p;
      yield p;
    }
    return null;
  }

  try {
    for await (const values of parser as AsyncIterable<string[]>) {
      const framed = yield* drainUntilRecord();
      // csv-parse gives one record per well-formed record it was fed; a mismatch is a bug here.
      if (framed === null) throw new Error(`csv-parse returned more records than were framed in ${path}`);
      yield { kind: "record", line: framed.line, values, text: framed.text };
      if (head > 4096) {
        queue.splice(0, head);
        head = 0;
      }
    }
    yield* drainUntilRecord();
    await producer;
    yield* drainUntilRecord();
    if (failure) throw failure;
  } finally {
    stream.destroy();
    parser.destroy();
    await producer;
  }
}

export function newFileInfo(): CsvFileInfo {
  return { bytes: 0, sha256: "", bom: false, endings: new Map(), encoding: null };
}
