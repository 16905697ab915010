/**
 * Ingest and validate, streamed together. Inputs are read sources first (small: held whole,
 * so their table checks see every row), then figures (any size: batches are split and checked
 * in worker threads when the file is large, and valid rows leave as sortable records for the
 * sorted pass). Issues go to the log and rejected rows to the reject sink as they are found, in
 * file order.
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { batchCharsFrom } from "../stages/ingest/batches.js";
import { fileIssueReporter, ingest, newIngestSummary, type IngestSummary } from "../stages/ingest/ingest.js";
import { processBatch, sortFigureBatch, type BatchEnv, type BatchResult, type BatchSetup } from "../stages/validate/batch.js";
import { columnKey, type Check, type CheckContext } from "../stages/validate/checks/check.js";
import { runGroupChecks } from "../stages/validate/group-checks.js";
import { FigurePool, fitsWorker, portable, workerCount, workerFault } from "../stages/validate/parallel.js";
import { namesOf } from "../stages/transform/record.js";
import { ExternalSorter } from "../stream/external-sort.js";
import type { IssueLog } from "./issue-log.js";
import { rowId } from "./issue.js";
import type { RejectSink } from "./reject-sink.js";
import type { Pipeline, ValidRow } from "./types.js";

export interface InputRead {
  name: string;
  file: string;
  role: "figures" | "sources";
  summary: IngestSummary;
  /** Rows that passed the checks done while reading (the sorted pass may reject more). */
  valid: number;
  /** Rows rejected for their shape (quoting, number of cells). */
  ingestRejected: number;
}

export interface ReadResult {
  inputs: InputRead[];
  /** Valid rows of sources inputs. */
  sources: ValidRow[];
  /** Valid figures rows as sortable records (stages/transform/record.ts). */
  figures: ExternalSorter;
  ingestMs: number;
  validateMs: number;
}

export interface ReadOptions {
  rawDir: string;
  workDir: string;
  strict: boolean;
  /** Whether valid figures rows get their published text (false for `validate`). */
  text: boolean;
  env?: Readonly<Record<string, string | undefined>>;
}

export function checkContext(pipeline: Pipeline, sources: readonly ValidRow[]): CheckContext {
  const cache = new Map<string, Set<string>>();
  return {
    pipeline,
    columnValues(input, column) {
      const key = columnKey(input, column);
      let set = cache.get(key);
      if (!set) cache.set(key, (set = new Set(sources.filter((r) => r.input === input).map((r) => r.cells[column] ?? ""))));
      return set;
    },
  };
}

export async function readInputs(pipeline: Pipeline, log: IssueLog, rejects: RejectSink, opts: ReadOptions): Promise<ReadResult> {
  const names = namesOf(pipeline);
  const order = Object.entries(pipeline.inputs).sort(([, a], [, b]) => (a.role === b.role ? 0 : a.role === "sources" ? -1 : 1));
  const figures = new ExternalSorter({ dir: opts.workDir, name: "figures" });
  const result: ReadResult = { inputs: [], sources: [], figures, ingestMs: 0, validateMs: 0 };
  for (const [name, input] of order) {
    const summary = newIngestSummary();
    const read: InputRead = { name, file: input.file, role: input.role, summary, valid: 0, ingestRejected: 0 };
    result.inputs.push(read);
    const path = join(opts.rawDir, pipeline.id, input.file);
    const columns = Object.keys(input.schema.shape);
    const rowChecks = pipeline.checks.filter((c) => c.input === name && c.scope === "row");
    const ctx = checkContext(pipeline, result.sources);
    const report = fileIssueReporter({ pipeline: pipeline.id, file: input.file, log }, summary);
    const held: ValidRow[] = [];

    const apply = (r: Pick<BatchResult, "rejects" | "issues" | "blank">, validCount: number) => {
      for (const line of r.blank) {
        summary.rowsIn--;
        report("INGEST_BLANK_ROW", "row with only empty cells skipped", line);
      }
      for (const issue of r.issues) log.add(issue);
      for (const x of r.rejects) {
        rejects.add(name, input.file, x.line, x.cells, x.raw);
        if (x.stage === "ingest") read.ingestRejected++;
      }
      read.valid += validCount;
    };

    const bytes = (await stat(path).catch(() => null))?.size ?? 0;
    const recipe = input.role === "figures" ? portable(pipeline, name, rowChecks) : null;
    const workers = recipe ? workerCount(bytes, opts.env) : 0;
    let pool: FigurePool | null = null;
    let env: BatchEnv | null = null;
    // Called at the first batch, when the header has been read and each column's place is known.
    const setup = (): BatchSetup => ({ pipeline: pipeline.id, input: name, file: input.file, columns, columnIndex: summary.columnIndex, header: summary.header, strict: opts.strict, text: opts.text });
    const t1 = performance.now();
    let inner = 0;
    // Workers are ended on any throw too (a spill file that cannot be written, a bad file),
    // not left running until the process exits.
    try {
      for await (const batch of ingest({ pipeline: pipeline.id, file: input.file, folder: join(opts.rawDir, pipeline.id), columns, log, batchChars: batchCharsFrom(opts.env) }, summary)) {
        const ti = performance.now();
        for (const x of batch.rejects) {
          log.add(x.issue);
          rejects.add(name, input.file, x.line, {}, x.raw);
          read.ingestRejected++;
        }
        if (batch.lines.length > 0) {
          if (workers > 0 && recipe && fitsWorker(batch.texts)) {
            pool ??= new FigurePool(
              workers,
              {
                pipeline: {
                  id: pipeline.id,
                  inputs: Object.fromEntries(Object.entries(pipeline.inputs).map(([n, i]) => [n, { file: i.file }])),
                  indicators: Object.fromEntries(Object.entries(pipeline.indicators).map(([code, i]) => [code, { name: i.name }])),
                  countryNames: { ...(pipeline.countryNames ?? {}) },
                },
                setup: setup(),
                schema: recipe.schema,
                rowChecks: recipe.rowChecks,
                columnValues: columnValuesFor(rowChecks, ctx),
                sortDir: opts.workDir,
                // 8 Mi characters per sorted run: about 9,000 rows (their CSV and JSON text included).
                runChars: 1 << 23,
                fault: workerFault(opts.env),
              },
              (reply) => apply(reply, reply.valid),
            );
            await pool.submit(batch.lines, batch.texts);
          } else {
            await pool?.drain();
            env ??= { ...setup(), schema: input.schema, rowChecks, ctx, figures: input.role === "figures" };
            if (input.role === "figures") {
              const r = sortFigureBatch(batch.lines, batch.texts, env, figures, names);
              apply(r, r.valid.length);
            } else {
              const r = processBatch(batch.lines, batch.texts, env);
              apply(r, r.valid.length);
              held.push(...r.valid);
            }
          }
        }
        inner += performance.now() - ti;
      }
      if (pool) {
        const ti = performance.now();
        figures.addRuns(await pool.finish());
        inner += performance.now() - ti;
      }
    } finally {
      await pool?.close();
    }
    result.validateMs += inner;
    result.ingestMs += performance.now() - t1 - inner;
    if (input.role === "sources") {
      // Sources are small: their group checks see the whole table at once.
      const rejected = runGroupChecks(pipeline, name, held, ctx, log);
      read.valid = 0;
      for (const row of held) {
        if (rejected.has(rowId(row.file, row.line))) rejects.add(name, row.file, row.line, row.cells, row.raw);
        else {
          result.sources.push(row);
          read.valid++;
        }
      }
    }
  }
  return result;
}

/** The values of other inputs' columns that the row checks refer to, for worker threads. */
function columnValuesFor(rowChecks: readonly Check[], ctx: CheckContext): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const c of rowChecks) {
    for (const [input, column] of c.refs.fields ?? []) {
      if (input === c.input) continue;
      out[columnKey(input, column)] = [...ctx.columnValues(input, column)];
    }
  }
  return out;
}
