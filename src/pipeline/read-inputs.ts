/**
 * Ingest and validate, streamed together: each input is read row by row and each row validated
 * as it arrives, so neither stage holds a large file. Sources are read first, so checks that
 * refer to them can judge each figure as it comes. Valid rows are collected for transform;
 * every rejected row is kept with its cells for the rejects file.
 */
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { ingest, newIngestSummary, type IngestSummary } from "../stages/ingest/ingest.js";
import { Validator } from "../stages/validate/validate.js";
import type { IssueLog } from "./issue-log.js";
import type { Pipeline, RejectedRow, ValidRow } from "./types.js";

export interface InputRead {
  name: string;
  file: string;
  role: "figures" | "sources";
  summary: IngestSummary;
}

export interface ReadResult {
  inputs: InputRead[];
  figures: ValidRow[];
  sources: ValidRow[];
  rejected: RejectedRow[];
  validator: Validator;
  ingestMs: number;
  validateMs: number;
}

export async function readInputs(pipeline: Pipeline, rawDir: string, log: IssueLog): Promise<ReadResult> {
  const validator = new Validator(pipeline, log);
  const order = Object.entries(pipeline.inputs).sort(([, a], [, b]) => (a.role === b.role ? 0 : a.role === "sources" ? -1 : 1));
  const result: ReadResult = { inputs: [], figures: [], sources: [], rejected: [], validator, ingestMs: 0, validateMs: 0 };
  const started = performance.now();
  for (const [name, input] of order) {
    const summary = newIngestSummary();
    const file = input.file;
    result.inputs.push({ name, file, role: input.role, summary });
    const held = input.role === "figures" ? result.figures : result.sources;
    const columns = Object.keys(input.schema.shape);
    const items = ingest({ pipeline: pipeline.id, file, path: join(rawDir, pipeline.id, file), columns, log }, summary);
    for await (const item of items) {
      if (item.kind === "reject") {
        for (const issue of item.issues) validator.report(issue);
        result.rejected.push({ input: name, file, line: item.line, cells: item.cells, raw: item.raw });
        continue;
      }
      const t0 = performance.now();
      const row = validator.row(name, file, item.line, item.cells, item.raw);
      result.validateMs += performance.now() - t0;
      if (row) held.push(row);
      else result.rejected.push({ input: name, file, line: item.line, cells: item.cells, raw: item.raw });
    }
    const t0 = performance.now();
    validator.inputDone(name);
    result.validateMs += performance.now() - t0;
  }
  const t0 = performance.now();
  validator.end();
  // Table-level checks may reject rows that passed on their own: move them to the rejects.
  for (const list of [result.figures, result.sources]) {
    const keep = list.filter((r) => !validator.isRejected(r.file, r.line));
    if (keep.length === list.length) continue;
    for (const r of list) if (validator.isRejected(r.file, r.line)) result.rejected.push({ input: r.input, file: r.file, line: r.line, cells: r.cells, raw: r.raw });
    list.splice(0, list.length, ...keep);
  }
  result.validateMs += performance.now() - t0;
  result.ingestMs = performance.now() - started - result.validateMs;
  result.rejected.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return result;
}
