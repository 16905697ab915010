/**
 * The ingest stage: reads one input file exactly as published and yields its data rows, each
 * with its file, physical line and text as written. It checks the file as a file (present, not
 * empty, UTF-8), the header against the input's columns, and each record's shape (quoting,
 * number of cells). A row it cannot read is yielded as a reject with its issue (for the caller
 * to report), never dropped. File-level issues go straight to the log. Nothing is trimmed,
 * renamed or converted here.
 */
import { stat } from "node:fs/promises";
import type { IssueCode } from "../../pipeline/codes.js";
import { makeIssue, type Issue } from "../../pipeline/issue.js";
import type { IssueLog } from "../../pipeline/issue-log.js";
import type { RawCells } from "../../pipeline/types.js";
import { checkHeader } from "./header.js";
import { newFileInfo, readCsv, type CsvFileInfo } from "./read-csv.js";

export type IngestItem =
  | { kind: "row"; line: number; cells: RawCells; raw: string }
  | { kind: "reject"; line: number; cells: RawCells; raw: string; issues: Issue[] };

export interface IngestSummary {
  /** Data rows read (not the header, not blank lines). */
  rowsIn: number;
  /** Rows yielded as rejects. */
  rowsRejected: number;
  /** The file as a whole could not be read: the run cannot account for its rows. */
  fatal: boolean;
  /** The file's header, as written. */
  header: string[];
  bytes: number;
  sha256: string;
}

export interface IngestOptions {
  pipeline: string;
  /** File name as shown in issues, e.g. "figures.csv". */
  file: string;
  path: string;
  columns: readonly string[];
  log: IssueLog;
}

const QUOTE_RULES = {
  "quote-not-closed": "a quoted field opens on this line and never closes; the row was read up to the end of this line",
  "stray-quote": 'a quote inside an unquoted field; quote the whole field and double the inner quote ("")',
  "bad-closing-quote": "a closing quote must be followed by a comma or the end of the line",
} as const;

export async function* ingest(opts: IngestOptions, summary: IngestSummary): AsyncGenerator<IngestItem> {
  const { pipeline, file, log } = opts;
  // Issues about the file rather than one data row. An error among them (including a warning
  // made an error by --strict) means the file cannot be accounted for row by row: fatal.
  const fileIssue = (code: IssueCode, rule: string, line: number | null = null, field: string | null = null) => {
    const issue = log.add(makeIssue({ code, pipeline, file, line, field, rule }));
    if (issue.severity === "error") summary.fatal = true;
  };

  const st = await stat(opts.path).catch(() => null);
  if (!st || !st.isFile()) {
    fileIssue("INGEST_FILE_MISSING", `file not found at ${opts.path}`);
    return;
  }
  const info = newFileInfo();
  let header: string[] | null = null;
  let columnIndex: number[] = [];

  for await (const ev of readCsv(opts.path, info)) {
    if (ev.kind === "blank") {
      fileIssue("INGEST_BLANK_ROW", "blank line skipped", ev.line);
      continue;
    }
    if (header === null) {
      if (ev.kind === "broken") {
        fileIssue("INGEST_UNREADABLE", `the header row cannot be read: ${QUOTE_RULES[ev.problem]}`, ev.line);
        return;
      }
      header = ev.values;
      summary.header = header;
      for (const p of checkHeader(header, opts.columns)) fileIssue(p.code, p.rule, ev.line, p.column || null);
      if (summary.fatal) return;
      columnIndex = opts.columns.map((c) => header!.indexOf(c));
      continue;
    }
    summary.rowsIn++;
    if (ev.kind === "broken") {
      const code = ev.problem === "quote-not-closed" ? "INGEST_QUOTE_NOT_CLOSED" : "INGEST_INVALID_QUOTE";
      const issue = makeIssue({ code, pipeline, file, line: ev.line, rule: QUOTE_RULES[ev.problem], value: ev.text, row: ev.text });
      summary.rowsRejected++;
      yield { kind: "reject", line: ev.line, cells: {}, raw: ev.text, issues: [issue] };
      continue;
    }
    const values = ev.values;
    if (values.every((v) => v.trim() === "")) {
      summary.rowsIn--;
      fileIssue("INGEST_BLANK_ROW", "row with only empty cells skipped", ev.line);
      continue;
    }
    const cells: RawCells = {};
    if (values.length !== header.length) {
      header.forEach((h, i) => (cells[h] = values[i] ?? ""));
      const tooMany = values.length > header.length;
      const issue = makeIssue({
        code: tooMany ? "INGEST_TOO_MANY_CELLS" : "INGEST_TOO_FEW_CELLS",
        pipeline,
        file,
        line: ev.line,
        field: tooMany ? null : (header[values.length] ?? null),
        rule: `expected ${header.length} cells as in the header, got ${values.length}`,
        row: ev.text,
      });
      summary.rowsRejected++;
      yield { kind: "reject", line: ev.line, cells, raw: ev.text, issues: [issue] };
      continue;
    }
    opts.columns.forEach((c, i) => (cells[c] = values[columnIndex[i]!] ?? ""));
    yield { kind: "row", line: ev.line, cells, raw: ev.text };
  }

  summary.bytes = info.bytes;
  summary.sha256 = info.sha256;
  fileIssues(info, header !== null, fileIssue);
}

/** Issues about the file as a whole, known once it has been read. */
function fileIssues(info: CsvFileInfo, hadHeader: boolean, report: (code: IssueCode, rule: string, line?: number | null) => void): void {
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

export function newIngestSummary(): IngestSummary {
  return { rowsIn: 0, rowsRejected: 0, fatal: false, header: [], bytes: 0, sha256: "" };
}
