/**
 * One batch of well-formed records, from text to checked rows: csv-parse splits the batch into
 * cells (csv-parse/sync over the batch: the framer guarantees one record per record it was
 * given), each row is checked for its number of cells, against its input's zod schema (built
 * once) and by the row-scope checks. The same function runs in the main thread for small files
 * and in worker threads for large ones (figure-worker.ts); it only returns data.
 */
import { parse } from "csv-parse/sync";
import type { z } from "zod";
import { valueProblem } from "../../figures/schemas.js";
import { doubleDecimal, exactDouble, parsePrintedValue, type ParsedValue } from "../../figures/value.js";
import { makeIssue, type Issue } from "../../pipeline/issue.js";
import type { RawCells, ValidRow } from "../../pipeline/types.js";
import type { ExternalSorter } from "../../stream/external-sort.js";
import { encodeObs, reportedRecord, type Names } from "../transform/record.js";
import type { Check, CheckContext } from "./checks/check.js";
import { zodIssues } from "./zod-issues.js";

/** What a batch needs to know of its input that is plain data: a worker thread receives it as is. */
export interface BatchSetup {
  pipeline: string;
  input: string;
  file: string;
  /** The input's declared columns, and where each is in the file's header. */
  columns: readonly string[];
  columnIndex: readonly number[];
  header: readonly string[];
  /** --strict: a warning from a row check rejects the row too. */
  strict: boolean;
  /** Whether a valid figures row gets its published CSV and JSON text. `validate` publishes
   *  nothing: making the text of every row would be thrown away. */
  text: boolean;
}

/** The setup with what cannot cross to a thread: the schema, the checks and their context. */
export interface BatchEnv extends BatchSetup {
  schema: z.ZodObject;
  rowChecks: readonly Check[];
  ctx: CheckContext;
  /** Figures rows carry their value in base units (parsed once, here). */
  figures: boolean;
}

export interface BatchResult {
  valid: ValidRow[];
  /** Rows rejected, and whether for their shape (ingest: the number of cells) or their values. */
  rejects: { line: number; cells: RawCells; raw: string; stage: "ingest" | "validate" }[];
  /** Issues in line order; errors among them rejected their rows. */
  issues: Issue[];
  /** Lines whose cells were all empty: not rows (the caller reports them as blank rows). */
  blank: number[];
}

export function processBatch(lines: readonly number[], texts: readonly string[], env: BatchEnv): BatchResult {
  const out: BatchResult = { valid: [], rejects: [], issues: [], blank: [] };
  if (texts.length === 0) return out;
  const records = parse(`${texts.join("\n")}\n`, { record_delimiter: "\n", relax_column_count: true }) as string[][];
  if (records.length !== texts.length) throw new Error(`csv-parse returned ${records.length} records for ${texts.length} framed records in ${env.file}`);
  const width = env.header.length;
  for (let i = 0; i < records.length; i++) {
    const values = records[i]!;
    const line = lines[i]!;
    const raw = texts[i]!;
    if (values.every((v) => v.trim() === "")) {
      out.blank.push(line);
      continue;
    }
    if (values.length !== width) {
      const cells: RawCells = {};
      env.header.forEach((h, j) => (cells[h] = values[j] ?? ""));
      const tooMany = values.length > width;
      out.issues.push(
        makeIssue({
          code: tooMany ? "INGEST_TOO_MANY_CELLS" : "INGEST_TOO_FEW_CELLS",
          pipeline: env.pipeline,
          file: env.file,
          line,
          field: tooMany ? null : (env.header[values.length] ?? null),
          rule: `expected ${width} cells as in the header, got ${values.length}`,
          row: raw,
        }),
      );
      out.rejects.push({ line, cells, raw, stage: "ingest" });
      continue;
    }
    const cells: RawCells = {};
    for (let c = 0; c < env.columns.length; c++) cells[env.columns[c]!] = values[env.columnIndex[c]!] ?? "";
    const parsed = env.schema.safeParse(cells);
    if (!parsed.success) {
      out.issues.push(...zodIssues(parsed.error, { pipeline: env.pipeline, file: env.file, line, cells, raw }));
      out.rejects.push({ line, cells, raw, stage: "validate" });
      continue;
    }
    let row: ValidRow;
    let rejected = false;
    if (env.figures) {
      // The figure schema parses the printed value; a schema of one's own may not, and may
      // let through a value that is none: that row cannot be published.
      const given = (parsed.data as { value?: unknown }).value;
      const v = typeof given === "object" && given !== null && "resolution" in given ? (given as ParsedValue) : parsePrintedValue(cells.value ?? "");
      if (!v.ok) {
        const problem = valueProblem(cells.value ?? "", v.problem);
        out.issues.push(makeIssue({ code: problem.code, pipeline: env.pipeline, file: env.file, line, field: "value", value: cells.value ?? "", rule: problem.rule, row: raw }));
        out.rejects.push({ line, cells, raw, stage: "validate" });
        continue;
      }
      row = { input: env.input, file: env.file, line, cells, raw, value: v.value, resolution: v.resolution, decimal: v.decimal };
      if (!exactDouble(v.decimal)) {
        out.issues.push(inexact(env, line, cells.value ?? "", v, raw));
        // --strict: as a row check's warning, it rejects the row.
        if (env.strict) rejected = true;
      }
    } else row = { input: env.input, file: env.file, line, cells, raw };
    for (const check of env.rowChecks) {
      const issues = check.checkRow?.(row, env.ctx);
      if (!issues) continue;
      out.issues.push(...issues);
      if (env.strict || issues.some((x) => x.severity === "error")) rejected = true;
    }
    if (rejected) out.rejects.push({ line, cells, raw, stage: "validate" });
    else out.valid.push(row);
  }
  return out;
}

/** A value published with more digits than a double holds: many readers parse JSON numbers as
 *  doubles, and would read other digits than those published. */
function inexact(env: BatchEnv, line: number, printed: string, v: { value: number; decimal: string }, raw: string): Issue {
  return makeIssue({
    code: "VALIDATE_INEXACT_NUMBER",
    pipeline: env.pipeline,
    file: env.file,
    line,
    field: "value",
    value: printed,
    rule: `${v.decimal} is published with all its digits, but a reader that parses numbers as 64-bit floats reads ${doubleDecimal(v.value)}`,
    row: raw,
  });
}

/** A figures batch: processBatch(), with its valid rows added to `sorter` as sortable records
 *  for the sorted pass (the main thread and the worker threads keep them the same way). */
export function sortFigureBatch(lines: readonly number[], texts: readonly string[], env: BatchEnv, sorter: ExternalSorter, names: Names): BatchResult {
  const r = processBatch(lines, texts, env);
  for (const row of r.valid) sorter.add(encodeObs(reportedRecord(row, names, env.text)));
  return r;
}
