/**
 * The ingest stage: reads one input file exactly as received, in batches of records located by
 * physical line. It checks the file as a file (present, a regular file, not empty, in its
 * dialect's encoding, its line ends), finds its header by the dialect (header-locator.ts:
 * skipped rows, a preamble, blank lines before it), hands the header and the preamble to the
 * input's reader, which says whether the file is in its layout and how to read its records (the
 * plan), and checks each record's quoting; a record whose quoting broke is rejected here with
 * its issue (for the caller to report), never dropped. Splitting the records into cells happens
 * in the batch step (stages/validate/batch.ts), possibly in a worker thread. Nothing is trimmed,
 * renamed or converted.
 */
import type { FileHandle } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import type { IssueCode } from "../../contracts/codes.js";
import { makeIssue, type Issue, type IssueSink } from "../../contracts/issue.js";
import { newFileInfo, readBatches, type CsvFileInfo } from "./batches.js";
import { csvParseOptions } from "./dialect.js";
import type { Dialect } from "../../contracts/dialect.js";
import { encodingName } from "./encoding.js";
import { MAX_RECORD_CHARS, type FramedRecord, type FrameProblem } from "./framer.js";
import { HeaderLocator } from "./header-locator.js";
import { openRawFile } from "./raw-file.js";
import { readerIssue, type Reader, type SourceFacts, type TableRecord } from "../../contracts/reader.js";

export interface IngestBatch {
  /** Well-formed records, to be split into cells: their lines and texts, in file order. */
  lines: number[];
  texts: string[];
  /** Records whose quoting broke: rejected, with their issue. */
  rejects: { line: number; raw: string; issue: Issue }[];
  /** Bytes of the file read when the batch was made (for the run's progress). */
  bytesRead: number;
}

export interface IngestSummary {
  /** Data records read (not the preamble or the header, not blank lines). */
  rowsIn: number;
  /** The file as a whole could not be read: the run cannot account for its rows. */
  fatal: boolean;
  /** The reader's plan for the records, once the header is read (plain data). */
  plan: unknown;
  /** What the file says of its source (the World Bank's "Last Updated Date"). */
  source: SourceFacts | null;
  sha256: string;
  /** Bytes of the file read (all of it when `sha256` is of the whole file). */
  bytes: number;
}

export function newIngestSummary(): IngestSummary {
  return { rowsIn: 0, fatal: false, plan: null, source: null, sha256: "", bytes: 0 };
}

export interface IngestOptions {
  pipeline: string;
  /** File name as shown in issues, e.g. "figures.csv". */
  file: string;
  /** The pipeline's raw folder, where `file` is (raw-file.ts: nothing outside it is read). */
  folder: string;
  /** The name of the file read in `folder`, when it is not `file` (a fetch's temporary download,
   *  checked as the input it would become). */
  name?: string;
  reader: Reader;
  /** The input's dialect, merged over the reader's defaults. */
  dialect: Dialect;
  log: IssueSink;
  /** Characters per batch (default BATCH_CHARS). */
  batchChars?: number;
}

function quoteRule(problem: Exclude<FrameProblem, "too-large">, d: Dialect): string {
  const delimiter = d.delimiter === "," ? "a comma" : `the delimiter ${JSON.stringify(d.delimiter)}`;
  const q = d.quoteChar;
  if (problem === "quote-not-closed") return "a quoted field opens on this line and never closes; the row was read up to the end of this line";
  if (problem === "stray-quote") return `a quote inside an unquoted field; quote the whole field and double the inner quote (${q}${q})`;
  return `a closing quote must be followed by ${delimiter} or the end of the line`;
}

const count = (n: number) => n.toLocaleString("en-US");

/** The rule a record broke, in words; a too-large record says how large, and where it ends. */
function frameRule(r: FramedRecord, d: Dialect): string {
  if (r.problem !== "too-large") return quoteRule(r.problem!, d);
  const lines = r.endLine > r.line ? `lines ${r.line}–${r.endLine}` : `line ${r.line}`;
  return `the record is ${count(r.size)} characters long (${lines}), more than the ${count(MAX_RECORD_CHARS)} a record may hold; it was skipped and reading went on after it`;
}

function frameCode(problem: FrameProblem): IssueCode {
  return problem === "too-large" ? "INGEST_RECORD_TOO_LARGE" : problem === "quote-not-closed" ? "INGEST_QUOTE_NOT_CLOSED" : "INGEST_INVALID_QUOTE";
}

/** Issues about the file rather than one data row. An error among them (including a warning
 *  made an error by --strict) means the file cannot be accounted for row by row: fatal. */
export function fileIssueReporter(opts: Pick<IngestOptions, "pipeline" | "file" | "log">, summary: IngestSummary) {
  return (code: IssueCode, rule: string, line: number | null = null, field: string | null = null, value: string | null = null) => {
    const issue = opts.log.add(makeIssue({ code, pipeline: opts.pipeline, file: opts.file, line, field, value, rule }));
    if (issue.severity === "error") summary.fatal = true;
  };
}

export async function* ingest(opts: IngestOptions, summary: IngestSummary): AsyncGenerator<IngestBatch> {
  const report = fileIssueReporter(opts, summary);
  const raw = await openRawFile(opts.folder, opts.name ?? opts.file);
  if (!raw.ok) {
    report(raw.problem.code, raw.problem.rule);
    return;
  }
  try {
    yield* readFile(raw.handle, opts, summary, report);
  } finally {
    await raw.handle.close();
  }
}

/** A record before the header, split into cells by the dialect. One that cannot be split (its
 *  quoting broke) stands as one cell: it is no header, and a preamble keeps it as written. */
function preambleRecord(r: FramedRecord, d: Dialect): TableRecord {
  if (r.problem) return { cells: [r.text], line: r.line };
  try {
    return { cells: (parse(r.text, csvParseOptions(d)) as string[][])[0] ?? [""], line: r.line };
  } catch {
    return { cells: [r.text], line: r.line };
  }
}

async function* readFile(handle: FileHandle, opts: IngestOptions, summary: IngestSummary, report: ReturnType<typeof fileIssueReporter>): AsyncGenerator<IngestBatch> {
  const { pipeline, file, dialect } = opts;
  const info = newFileInfo();
  const locator = new HeaderLocator(dialect);
  let headerSeen = false;
  for await (const records of readBatches(handle, info, opts.batchChars, MAX_RECORD_CHARS, dialect)) {
    const batch: IngestBatch = { lines: [], texts: [], rejects: [], bytesRead: info.bytes };
    for (const r of records) {
      if (!headerSeen) {
        // Records before the header, blank ones included, are the preamble: not rows.
        const record = preambleRecord(r, dialect);
        const where = locator.offer(record);
        if (where === "preamble") continue;
        if (where === "not-found") {
          const p = locator.problem();
          report(p.code, p.rule, p.line, p.column, p.value);
          return;
        }
        headerSeen = true;
        if (!readHeader(r, record, locator.preamble, opts, summary, report)) return;
        continue;
      }
      if (!r.problem && r.text.trim() === "") {
        report("INGEST_BLANK_ROW", "blank line skipped", r.line);
        continue;
      }
      summary.rowsIn++;
      if (r.problem) {
        const issue = makeIssue({ code: frameCode(r.problem), pipeline, file, line: r.line, rule: frameRule(r, dialect), value: r.text, row: r.text });
        batch.rejects.push({ line: r.line, raw: r.text, issue });
        continue;
      }
      batch.lines.push(r.line);
      batch.texts.push(r.text);
    }
    if (batch.lines.length > 0 || batch.rejects.length > 0) yield batch;
  }
  summary.sha256 = info.sha256;
  summary.bytes = info.bytes;
  fileIssues(info, headerSeen ? null : locator, opts, report);
}

/** The reader's verdict on the header and the preamble: a plan, or why the file is not in its
 *  layout (fatal, located: the line, the column, what was expected and what was found). */
function readHeader(r: FramedRecord, header: TableRecord, preamble: readonly TableRecord[], opts: IngestOptions, summary: IngestSummary, report: ReturnType<typeof fileIssueReporter>): boolean {
  if (r.problem) {
    report("INGEST_UNREADABLE", `the header row cannot be read: ${frameRule(r, opts.dialect)}`, r.line);
    return false;
  }
  const h = opts.reader.header(header, preamble, opts.dialect);
  if (!h.ok) {
    for (const p of h.problems) opts.log.add(readerIssue(opts.pipeline, opts.file, p));
    summary.fatal = true;
    return false;
  }
  for (const note of h.notes) {
    const issue = opts.log.add(readerIssue(opts.pipeline, opts.file, note));
    if (issue.severity === "error") summary.fatal = true;
  }
  summary.plan = h.plan;
  summary.source = h.source;
  return !summary.fatal;
}

function fileIssues(info: CsvFileInfo, noHeader: HeaderLocator | null, opts: IngestOptions, report: ReturnType<typeof fileIssueReporter>): void {
  const d = opts.dialect;
  if (info.encoding) {
    // The UTF-8 decoder's guess says what the file looks like; the Windows-1252 one, why it is not that.
    const rule = d.encoding === "utf-8" ? `the file is not UTF-8: ${info.encoding.guess}` : `the file is declared ${encodingName(d.encoding)}, but ${info.encoding.guess}`;
    report("INGEST_ENCODING", rule, info.encoding.line);
  }
  if (noHeader !== null && !info.encoding) {
    if (d.headerStartsWith === null) report("INGEST_FILE_EMPTY", info.bytes === 0 ? "the file is empty (0 bytes)" : "the file has no header row and no data");
    else {
      const p = noHeader.problem();
      report(p.code, p.rule, p.line, p.column, p.value);
    }
  }
  if (info.bom && d.bom === "warn") report("INGEST_BOM", "the file starts with a UTF-8 byte-order mark; it was ignored", 1);
  const endings = [...info.endings.entries()].sort((a, b) => a[1] - b[1]);
  if (endings.length > 1) {
    const seen = endings.map(([kind, line]) => `${kind} from line ${line}`).join(", ");
    report("INGEST_LINE_ENDINGS", `mixed line endings (${seen}); all were read as line breaks`, endings[1]![1]);
  } else if (endings[0]?.[0] === "CR") {
    report("INGEST_LINE_ENDINGS", "line endings are CR only (classic Mac); they were read as line breaks", 1);
  }
}
