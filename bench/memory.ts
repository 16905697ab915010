/**
 * Where a run's memory goes: runs the stages of runPipeline() one by one on a benchmark dataset
 * (readInputs, transform, publish, as the runner calls them) and measures the V8 heap after a
 * full GC at each step; then releases the structures a run holds one at a time, each time
 * measuring what was freed, so every structure is charged the bytes only it kept alive. A
 * diagnostic for bench/FINDINGS.md, not a benchmark: it times nothing and needs --expose-gc.
 *
 *   node --expose-gc --import tsx bench/memory.ts --rows 250000
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { IssueLog } from "../src/pipeline/issue-log.js";
import { readInputs } from "../src/pipeline/read-inputs.js";
import { publish } from "../src/publish/publish.js";
import { transform } from "../src/stages/transform/transform.js";
import { ensureDataset } from "./dataset.js";
import benchFigures from "./pipeline.js";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  process.stderr.write("run with node --expose-gc --import tsx bench/memory.ts\n");
  process.exit(2);
}

const { values } = parseArgs({ options: { rows: { type: "string", default: "250000" }, seed: { type: "string", default: "20191025" }, dir: { type: "string", default: ".bench" } } });
const rows = Number(values.rows);
const ds = ensureDataset(values.dir!, rows, Number(values.seed));

const MiB = 2 ** 20;
function heap(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}
const lines: string[] = [];
const report = (label: string, bytes: number, perRow = true) =>
  lines.push(`  ${label.padEnd(58)} ${(bytes / MiB).toFixed(1).padStart(8)} MiB${perRow ? `  ${Math.round(bytes / rows).toString().padStart(6)} B/row` : ""}`);

const base = heap();
const log = new IssueLog();
let read: Awaited<ReturnType<typeof readInputs>> | null = await readInputs(benchFigures, ds.rawDir, log);
const afterRead = heap();
let transformed: ReturnType<typeof transform> | null = transform(benchFigures, read.figures, read.sources);
log.addAll(transformed.issues);
const afterTransform = heap();
const out = mkdtempSync(join(tmpdir(), "openfigures-memory-"));
let issues: ReturnType<IssueLog["list"]> | null = log.list();
await publish({
  dir: out,
  runId: "memory",
  context: { pipeline: benchFigures, observations: transformed.observations, sources: transformed.sources, release: { id: "memory", generatedAt: "2026-01-01T00:00:00Z" }, inputs: [], issues, rejected: read.rejected },
});
const afterPublish = heap();
rmSync(out, { recursive: true, force: true });
const rss = process.memoryUsage().rss;

lines.push(`heap held by a run of ${rows} rows (${(ds.bytes / MiB).toFixed(0)} MiB of figures.csv), after a full GC:`);
report("after ingest + validate (readInputs)", afterRead - base);
report("after transform", afterTransform - base);
report("after publish (outputs written)", afterPublish - base);
lines.push("", "released one at a time (each line: what only that structure kept alive):");

// Check state first: figures the checks keep point at the valid rows, so the rows can only be
// freed after them.
const runs = (read.validator as unknown as { runs: unknown[] }).runs;
for (let i = 0; i < runs.length; i++) {
  const before = heap();
  runs[i] = null;
  report(`check ${benchFigures.checks[i]!.type} (${benchFigures.checks[i]!.description.slice(0, 30)}…)`, before - heap());
}
let before = heap();
(read as { validator: unknown }).validator = null;
report("validator's map of rejected lines", before - heap(), false);
before = heap();
issues = null;
(log as unknown as { items: unknown[] }).items.length = 0;
report(`issue list (${log.errors + log.warnings} issues, two copies)`, before - heap(), false);
before = heap();
read.rejected.length = 0;
report("rejected rows (cells + raw)", before - heap(), false);
before = heap();
transformed.observations.length = 0;
transformed = null;
report("observations (transform output, sorted)", before - heap());
before = heap();
read.figures.length = 0;
read = null;
report("valid rows (ValidRow: cells object + raw text)", before - heap());
lines.push("", `  heap left: ${((heap() - base) / MiB).toFixed(1)} MiB; process RSS at the end of publish: ${(rss / MiB).toFixed(0)} MiB`);
process.stdout.write(`${lines.join("\n")}\n`);
