/**
 * A worker thread for large figures files: rebuilds the input's reader (from its spec), its
 * plan, the pipeline's units and entities and the row checks from data (workers cannot receive
 * functions), then for each batch it is sent reads it (sortFigureBatch), keeps the valid figures
 * as sortable records in its own sorter, which spills sorted runs into the run's workspace. It
 * posts back per batch only what the main thread must report (issues, rejects, counts), and at
 * the end the paths of its runs. See parallel.ts.
 */
import { parentPort, workerData } from "node:worker_threads";
import { EntityRegistry } from "../../figures/entities.js";
import { unitsOf } from "../../figures/unit-registry.js";
import { ExternalSorter } from "../../stream/external-sort.js";
import { readerFromSpec } from "../ingest/readers/from-spec.js";
import { namesOf } from "../../format/record.js";
import { replyOf, sortFigureBatch } from "./figure-batch.js";
import { makeBatchEnv } from "./batch-env.js";
import * as factories from "./checks/index.js";
import { columnKey, type Check } from "../../contracts/check.js";
import type { WorkerInit, WorkerReply, WorkerRequest } from "./parallel.js";

const init = workerData as WorkerInit;
const known = new Map(Object.entries(init.columnValues).map(([k, v]) => [k, new Set(v)]));
const entities = new EntityRegistry(init.entities.list, { iso: init.entities.iso, names: init.entities.names, countryNames: init.pipeline.countryNames });
const env = makeBatchEnv(
  init.setup,
  readerFromSpec(init.reader),
  init.plan,
  { indicators: init.pipeline.indicators, units: unitsOf(init.pipeline), entities, sources: new Set(init.sources) },
  init.rowChecks.map((spec) => (factories as unknown as Record<string, (o: unknown) => Check>)[spec.factory]!(spec.options)),
  {
    // Row checks read only the pipeline's id and its inputs' files: that much is sent.
    pipeline: init.pipeline as never,
    columnValues: (input, column) => known.get(columnKey(input, column)) ?? new Set(),
  },
);
const names = namesOf(init.pipeline, entities);
const sorter = new ExternalSorter({ dir: init.sortDir, name: `figures-w${init.index}`, runChars: init.runChars, detectRuns: init.detectRuns });

parentPort!.on("message", (msg: WorkerRequest) => {
  if (msg.type === "batch") {
    if (init.fault === "exit") process.exit(134);
    if (init.fault === "throw") throw new Error("OPENFIGURES_WORKER_FAULT: a worker thread threw");
    const r = sortFigureBatch(msg.lines, msg.texts, env, sorter, names);
    const reply: WorkerReply = { type: "batch", seq: msg.seq, ...replyOf(r) };
    parentPort!.postMessage(reply);
    return;
  }
  const reply: WorkerReply = { type: "done", runs: sorter.flushRuns(), stats: sorter.stats };
  parentPort!.postMessage(reply);
});
