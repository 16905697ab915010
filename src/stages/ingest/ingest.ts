/**
 * The ingest stage: reads one input file exactly as published, in batches of records located
 * by physical line. It checks the file as a file (present, not empty, UTF-8, its line ends),
 * its header against the input's columns, and each record's quoting; a record whose quoting
 * broke is rejected here with its issue (for the caller to report), never dropped. Splitting
 * the records into cells happens in the batch step (stages/validate/batch.ts), possibly in a
 * worker thread. Nothing is trimmed, renamed or converted.
 */
import type { FileHandle } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import type { IssueCode } from "../../pipeline/codes.js";
import { makeIssue, type Issue } from "../../pipeline/issue.js";
import type { IssueLog } from "../../pipeline/issue-log.js";
import { newFileInfo, readBatches, type CsvFileInfo } from "./batches.js";
import { MAX_RECORD_CHARS, type FramedRecord, type FrameProblem } from "./framer.js";
import { checkHeader } from "./header.js";
import { openRawFile } from "./raw-file.js";

export interface IngestBatch {
  /** Well-formed records, to be split into cells: their lines and texts, in file order. */
  lines: number[];
  texts: string[];
  /** Records whose quoting broke: rejected, with their issue. */
  rejects: { line: number; raw: string; issue: Issue }[];
}

export interface IngestSummary {
  /** Data rows read (not the header, not blank lines). */
  rowsIn: number;
  /** The file as a whole could not be read: the run cannot account for its rows. */
  fatal: boolean;
  /** The file's header, as written, and where each declared column is in it. */
  header: string[];
  columnIndex: number[];
  sha256: string;
}

export function newIngestSummary(): IngestSummary {
  return { rowsIn: 0, fatal: false, header: [], columnIndex: [], sha256: "" };
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
  columns: readonly string[];
  log: IssueLog;
  /** Characters per batch (default BATCH_CHARS). */
  batchChars?: number;
}

const QUOTE_RULES = {
  "quote-not-closed": "a quoted field opens on this line and never closes; the row was read up to the end of this line",
  "stray-quote": 'a quote inside an unquoted field; quote the whole field and double the inner quote ("")',
  "bad-closing-quote": "a closing quote must be followed by a comma or the end of the line",
} as const;

const count = (n: number) => n.toLocaleString("en-US");

/** The rule a record broke, in words; a too-large record says how large, and where it ends. */
function frameRule(r: FramedRecord): string {
  if (r.problem !== "too-large") return QUOTE_RULES[r.problem!];
  const lines = r.endLine > r.line ? `lines ${r.line}–${r.endLine}` : `line ${r.line}`;
  return `the record is ${count(r.size)} characters long (${lines}), more than the ${count(MAX_RECORD_CHARS)} a record may hold; it was skipped and reading went on after it`;
}

function frameCode(problem: FrameProblem): IssueCode {
  return problem === "too-large" ? "INGEST_RECORD_TOO_LARGE" : problem === "quote-not-closed" ? "INGEST_QUOTE_NOT_CLOSED" : "INGEST_INVALID_QUOTE";
}

/** Issues about the file rather than one data row. An error among them (including a warning
 *  made an error by --strict) means the file cannot be accounted for row by row: fatal. */
export function fileIssueReporter(opts: Pick<IngestOptions, "pipeline" | "file" | "log">, summary: IngestSummary) {
  return (code: IssueCode, rule: string, line: number | null = null, field: string | null = null) => {
    const issue = opts.log.add(makeIssue({ code, pipeline: opts.pipeline, file: opts.file, line, field, rule }));
    if (issue.severity === "error") summary.fatal = true;
  };
}

export async function* ingest(opts: IngestOptions, summary: IngestSummary): AsyncGenerator<IngestBatch> {
  const { pipeline, file } = opts;
  const report = fileIssueReporter(opts, summary);
  const raw = await openRawFile(opts.folder, opts.name ?? file);
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

async function* readFile(handle: FileHandle, opts: IngestOptions, summary: IngestSummary, report: ReturnType<typeof fileIssueReporter>): AsyncGenerator<IngestBatch> {
  const { pipeline, file } = opts;
  const info = newFileInfo();
  let headerSeen = false;
  for await (const records of readBatches(handle, info, opts.batchChars)) {
    const batch: IngestBatch = { lines: [], texts: [], rejects: [] };
    for (const r of records) {
      if (!r.problem && r.text.trim() === "") {
        report("INGEST_BLANK_ROW", "blank line skipped", r.line);
        continue;
      }
      if (!headerSeen) {
        headerSeen = true;
        if (!readHeader(r, opts, summary, report)) return;
        continue;
      }
      summary.rowsIn++;
      if (r.problem) {
        const issue = makeIssue({ code: frameCode(r.problem), pipeline, file, line: r.line, rule: frameRule(r), value: r.text, row: r.text });
        batch.rejects.push({ line: r.line, raw: r.text, issue });
        continue;
      }
      batch.lines.push(r.line);
      batch.texts.push(r.text);
    }
    if (batch.lines.length > 0 || batch.rejects.length > 0) yield batch;
  }
  summary.sha256 = info.sha256;
  fileIssues(info, headerSeen, report);
}

function readHeader(r: FramedRecord, opts: IngestOptions, summary: IngestSummary, report: ReturnType<typeof fileIssueReporter>): boolean {
  if (r.problem) {
    report("INGEST_UNREADABLE", `the header row cannot be read: ${frameRule(r)}`, r.line);
    return false;
  }
  const header = (parse(r.text, { relax_column_count: true }) as string[][])[0] ?? [];
  summary.header = header;
  for (const p of checkHeader(header, opts.columns)) report(p.code, p.rule, r.line, p.column || null);
  summary.columnIndex = opts.columns.map((c) => header.indexOf(c));
  return !summary.fatal;
}

function fileIssues(info: CsvFileInfo, hadHeader: boolean, report: ReturnType<typeof fileIssueReporter>): void {
  if (info.encoding) report("INGEST_ENCODING", `the file is not UTF-8: ${info.encoding.guess}`, info.encoding.line);
  if (!hadHeader && !info.encoding) report("INGEST_FILE_EMPTY", info.bytes === 0 ? "the file is empty (0 bytes)" : "the file has no header row and no data");
  if (info.bom) report("INGEST_BOM", "the file starts with a UTF-8 byte-order mark; it was ignored", 1);
  const endings = [...info.endings.entries()].sort((a, b) => a[1] - b[1]);
  if (endings.length > 1) {
    const seen = endings.map(([kind, line]) => `${kind} from line ${line}`).join(", ");
    report("INGEST_LINE_ENDINGS", `mixed line endings (${seen}); all were read as line breaks`, endings[1]![1]);
  } else if (endings[0]?.[0] === "CR") {
    report("INGEST_LINE_ENDINGS", "line endings are CR only (classic Mac); they were read as line breaks", 1);
  }
}
