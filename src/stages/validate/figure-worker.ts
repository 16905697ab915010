/**
 * A worker thread for large figures files: rebuilds the input's schema and row checks from
 * data (workers cannot receive functions), then for each batch it is sent runs processBatch(),
 * turns the valid rows into sortable records and keeps them in its own sorter, which spills
 * sorted runs into the run's workspace. It posts back per batch only what the main thread must
 * report (issues, rejects), and at the end the paths of its runs. See parallel.ts.
 */
import { parentPort, workerData } from "node:worker_threads";
import { schemaFromSpec } from "../../figures/schemas.js";
import { ExternalSorter } from "../../stream/external-sort.js";
import { namesOf } from "../transform/record.js";
import { sortFigureBatch, type BatchEnv } from "./batch.js";
import * as factories from "./checks/index.js";
import { columnKey, type Check } from "./checks/check.js";
import type { WorkerInit, WorkerReply, WorkerRequest } from "./parallel.js";

const init = workerData as WorkerInit;
const known = new Map(Object.entries(init.columnValues).map(([k, v]) => [k, new Set(v)]));
const env: BatchEnv = {
  ...init.setup,
  schema: schemaFromSpec(init.schema),
  rowChecks: init.rowChecks.map((spec) => (factories as unknown as Record<string, (o: unknown) => Check>)[spec.factory]!(spec.options)),
  ctx: {
    // Row checks read only the pipeline's id and its inputs' files: that much is sent.
    pipeline: init.pipeline as never,
    columnValues: (input, column) => known.get(columnKey(input, column)) ?? new Set(),
  },
  figures: true,
};
const names = namesOf(init.pipeline as never);
const sorter = new ExternalSorter({ dir: init.sortDir, name: `figures-w${init.index}`, runChars: init.runChars });

parentPort!.on("message", (msg: WorkerRequest) => {
  if (msg.type === "batch") {
    if (init.fault === "exit") process.exit(134);
    if (init.fault === "throw") throw new Error("OPENFIGURES_WORKER_FAULT: a worker thread threw");
    const r = sortFigureBatch(msg.lines, msg.texts, env, sorter, names);
    const reply: WorkerReply = { type: "batch", seq: msg.seq, rejects: r.rejects, issues: r.issues, blank: r.blank, valid: r.valid.length };
    parentPort!.postMessage(reply);
    return;
  }
  const reply: WorkerReply = { type: "done", runs: sorter.flushRuns() };
  parentPort!.postMessage(reply);
});
