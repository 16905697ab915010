/**
 * One batch of well-formed records, from text to checked figures. split.ts splits the batch into
 * cells with the input's dialect (csv-parse/sync over the batch, the framer guaranteeing one record
 * per record it was given; a record with no quote character is split on the delimiter, with the
 * same result). Then, by the input's layout:
 * - rows (figures, sources): each row is checked for its number of cells, against its input's
 *   zod schema (built once) and by the row-scope checks;
 * - table (long, wide, World Bank): table-batch.ts, with the types and helpers here.
 * The same functions run in the main thread for small files and in worker threads for large
 * ones (figure-worker.ts, through figure-batch.ts); they only return data.
 */
import type { z } from "zod";
import { valueProblem } from "../ingest/readers/schemas.js";
import type { UnitRegistry } from "../../figures/unit-registry.js";
import { exactDouble, parsePrintedValue, type ParsedValue } from "../../figures/value.js";
import { makeIssue, type Issue } from "../../contracts/issue.js";
import type { RawCells, ValidRow } from "../../contracts/rows.js";
import { splitRecords } from "./split.js";
import type { Dialect } from "../../contracts/dialect.js";
import type { RowsPlan, TableReader } from "../../contracts/reader.js";
import { inBaseUnit, inexactIssue, type CandidateContext } from "./candidate.js";
import type { Check, CheckContext } from "../../contracts/check.js";
import { zodIssues } from "./zod-issues.js";

/** What a batch needs to know of its input that is plain data: a worker thread receives it as is. */
export interface BatchSetup {
  pipeline: string;
  input: string;
  file: string;
  /** How the records split into cells. */
  dialect: Dialect;
  /** --strict: a warning from a row check rejects the row too. */
  strict: boolean;
  /** Whether a valid figure gets its published CSV and JSON text. `validate` publishes
   *  nothing: making the text of every row would be thrown away. */
  text: boolean;
}

/** A row layout's batch setup, with what cannot cross to a thread: the schema, the checks. */
export interface RowsEnv extends BatchSetup {
  layout: "rows";
  plan: RowsPlan;
  schema: z.ZodObject;
  rowChecks: readonly Check[];
  ctx: CheckContext;
  /** Figures rows carry their value in base units (parsed once, here). */
  figures: boolean;
  units: UnitRegistry;
}

/** A table layout's batch setup: its reader and plan, and what a candidate is checked against. */
export interface TableEnv extends BatchSetup {
  layout: "table";
  reader: TableReader;
  plan: unknown;
  candidates: CandidateContext;
  /** The sources the input's figures cite, for the rejects of cells the reader could not read. */
  sourceIds: string;
  rowChecks: readonly Check[];
  ctx: CheckContext;
}

export type BatchEnv = RowsEnv | TableEnv;

/** Something read that is not published: a row, a table cell, or a table record. */
export interface BatchReject {
  line: number;
  /** The cell at fault (table), or null (a row, or a record with no one cell at fault). */
  column: string | null;
  /** The values it accounts for (rows: 1; a table record: its non-empty value cells). */
  values: number;
  cells: RawCells;
  raw: string;
  /** "ingest": for its shape (the number of cells, a misaligned record); "validate": its values. */
  stage: "ingest" | "validate";
}

export interface BatchResult {
  /** Rows of a row layout that passed (a table's figures go to the sorter only). */
  valid: ValidRow[];
  /** Figures kept in this batch (rows or table cells). */
  kept: number;
  rejects: BatchReject[];
  /** Issues in line order; errors among them rejected their rows. */
  issues: Issue[];
  /** Lines whose cells were all empty: not rows (the caller reports them as blank rows). */
  blank: number[];
  /** Values read: a row layout's rows; a table's non-empty, non-missing value cells. */
  valuesIn: number;
  /** A table's value cells that were empty or a missing marker. */
  missing: number;
}

/** The batch's records split into cells: quote-free records on the delimiter, the others by
 *  csv-parse (split.ts gives the rule and its proof). */
export function split(texts: readonly string[], env: BatchSetup): string[][] {
  return splitRecords(texts, env.dialect, env.file).records;
}

export function newResult(): BatchResult {
  return { valid: [], kept: 0, rejects: [], issues: [], blank: [], valuesIn: 0, missing: 0 };
}

export function processBatch(lines: readonly number[], texts: readonly string[], env: RowsEnv): BatchResult {
  const out = newResult();
  if (texts.length === 0) return out;
  const records = split(texts, env);
  const { header, columns, columnIndex } = env.plan;
  const width = header.length;
  for (let i = 0; i < records.length; i++) {
    const values = records[i]!;
    const line = lines[i]!;
    const raw = texts[i]!;
    if (values.every((v) => v.trim() === "")) {
      out.blank.push(line);
      continue;
    }
    out.valuesIn++;
    if (values.length !== width) {
      const cells: RawCells = {};
      for (const [j, h] of header.entries()) cells[h] = values[j] ?? "";
      const tooMany = values.length > width;
      out.issues.push(
        makeIssue({
          code: tooMany ? "INGEST_TOO_MANY_CELLS" : "INGEST_TOO_FEW_CELLS",
          pipeline: env.pipeline,
          file: env.file,
          line,
          field: tooMany ? null : (header[values.length] ?? null),
          rule: `expected ${width} cells as in the header, got ${values.length}`,
          row: raw,
        }),
      );
      out.rejects.push({ line, column: null, values: 1, cells, raw, stage: "ingest" });
      continue;
    }
    const cells: RawCells = {};
    for (let c = 0; c < columns.length; c++) cells[columns[c]!] = values[columnIndex[c]!] ?? "";
    const parsed = env.schema.safeParse(cells);
    if (!parsed.success) {
      out.issues.push(...zodIssues(parsed.error, { pipeline: env.pipeline, file: env.file, line, cells, raw }));
      out.rejects.push({ line, column: null, values: 1, cells, raw, stage: "validate" });
      continue;
    }
    let row: ValidRow;
    let rejected = false;
    if (env.figures) {
      // The figure schema parses the printed value; a schema of one's own may not, and may
      // let through a value that is none: that row cannot be published.
      const given = (parsed.data as { value?: unknown }).value;
      let v = typeof given === "object" && given !== null && "resolution" in given ? (given as ParsedValue) : parsePrintedValue(cells.value ?? "");
      if (v.ok && env.units.scaled) v = inBaseUnit(v, env.units.get(cells.unit ?? "")?.power ?? 0) ?? { ok: false, problem: "range" };
      if (!v.ok) {
        const problem = valueProblem(cells.value ?? "", v.problem);
        out.issues.push(makeIssue({ code: problem.code, pipeline: env.pipeline, file: env.file, line, field: "value", value: cells.value ?? "", rule: problem.rule, row: raw }));
        out.rejects.push({ line, column: null, values: 1, cells, raw, stage: "validate" });
        continue;
      }
      row = { input: env.input, file: env.file, line, column: null, cells, raw, value: v.value, resolution: v.resolution, decimal: v.decimal };
      if (!exactDouble(v.decimal)) {
        out.issues.push(inexactIssue({ pipeline: env.pipeline, file: env.file, line, field: "value", value: cells.value ?? "", row: raw }, v));
        // --strict: as a row check's warning, it rejects the row.
        if (env.strict) rejected = true;
      }
    } else row = { input: env.input, file: env.file, line, column: null, cells, raw };
    for (const check of env.rowChecks) {
      const issues = check.checkRow?.(row, env.ctx);
      if (!issues) continue;
      out.issues.push(...issues);
      if (env.strict || issues.some((x) => x.severity === "error")) rejected = true;
    }
    if (rejected) out.rejects.push({ line, column: null, values: 1, cells, raw, stage: "validate" });
    else {
      out.valid.push(row);
      out.kept++;
    }
  }
  return out;
}
