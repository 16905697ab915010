/**
 * `npm run bench`: the benchmark of issue 7. Generates (or reuses) a dataset in the seed's raw
 * format, then runs the csv-parse → csv-stringify pass-through and `openfigures run` on it
 * alternately, each as its own process, and prints a table and, last, one JSON line.
 *
 *   npm run bench [-- --rows N] [--repeat K]   throughput: baseline vs a full run, an unchanged
 *                                              re-run into the same folder, and npm start
 *                                              on the seed data into an empty folder
 *   npm run bench -- --memory [--sizes a,b,c]  peak RSS of a full run at 250k, 1M and 4M rows
 *   npm run bench -- --profile [--rows N]      one run under --cpu-prof, summarised by stage
 *   add --built to any of them to run compiled JavaScript (tsc into .bench/dist) instead of
 *   TypeScript through tsx: startup drops by most of a second, as for a scheduled run from dist/
 *
 * Everything is written under .bench/ (ignored by git): datasets in data/, outputs in out/,
 * logs and profiles beside them. Timings are whole-process wall times, startup included, as in
 * the issue; on a shared machine, look at the CPU seconds and the load average too.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { ensureDataset, type Dataset } from "./dataset.js";
import { BENCH_PIPELINE_ID } from "./generate.js";
import { measure, median, type Measurement } from "./measure.js";
import { formatSummary, summarise, type CpuProfile } from "./profile.js";
import { caseTable, machine, summariseCase, targetLines, type CaseSummary, type Target } from "./report.js";

const HELP = `usage: npm run bench -- [options]
  --rows N        rows of figures.csv (default 1000000)
  --repeat K      runs of each case, alternating baseline and openfigures (default 3)
  --seed S        dataset seed (default 20191025)
  --memory        memory scaling: one full run at each of --sizes, peak RSS each
  --sizes LIST    sizes for --memory (default 250000,1000000,4000000)
  --profile       one run of openfigures under node --cpu-prof, summarised
  --built         run compiled JavaScript (tsc into .bench/dist), not TypeScript through tsx
  --timeout S     kill a run after S seconds (default 1800)
  --dir PATH      working folder (default .bench)`;

/** A bad option stops the benchmark before any work, as the CLI does: the message, the usage, exit 2. */
function usage(message: string): never {
  process.stderr.write(`npm run bench: ${message}\n${HELP}\n`);
  process.exit(2);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        rows: { type: "string", default: "1000000" },
        repeat: { type: "string", default: "3" },
        seed: { type: "string", default: "20191025" },
        memory: { type: "boolean", default: false },
        sizes: { type: "string", default: "250000,1000000,4000000" },
        profile: { type: "boolean", default: false },
        built: { type: "boolean", default: false },
        timeout: { type: "string", default: "1800" },
        dir: { type: "string", default: ".bench" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
})();
if (values.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
const positive = (name: string, text: string) => {
  const n = Number(text.replaceAll("_", ""));
  if (!Number.isInteger(n) || n < 1) usage(`--${name}: expected a whole number ≥ 1, got ${JSON.stringify(text)}`);
  return n;
};

const ROOT = resolve(import.meta.dirname, "..");
const DIR = resolve(values.dir!);
const seed = positive("seed", values.seed!);
const repeat = positive("repeat", values.repeat!);
const timeoutS = positive("timeout", values.timeout!);
const rows = positive("rows", values.rows!);
const sizes = values.sizes!.split(",").map((s) => positive("sizes", s.trim()));
const log = (text: string) => process.stderr.write(`[bench] ${text}\n`);
for (const sub of ["data", "out", "logs"]) mkdirSync(join(DIR, sub), { recursive: true });

/** How a measured script starts: through tsx, or compiled (package.json beside it, for the version). */
function compiled(): { flags: string[]; path: (script: string) => string } {
  if (!values.built) return { flags: ["--import", "tsx"], path: (script) => join(ROOT, script) };
  const out = join(DIR, "dist");
  const t0 = Date.now();
  rmSync(out, { recursive: true, force: true });
  const tsc = spawnSync(join(ROOT, "node_modules/.bin/tsc"), ["-p", "tsconfig.json", "--noEmit", "false", "--rootDir", ".", "--outDir", out, "--sourceMap", "false"], { cwd: ROOT, encoding: "utf8" });
  if (tsc.status !== 0) throw new Error(`tsc failed:\n${tsc.stdout}${tsc.stderr}`);
  copyFileSync(join(ROOT, "package.json"), join(out, "package.json"));
  log(`compiled to ${out} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { flags: [], path: (script) => join(out, script.replace(/\.ts$/, ".js")) };
}
const build = compiled();
const script = (file: string) => [...build.flags, build.path(file)];

function dataset(rows: number): Dataset {
  log(`dataset: ${rows.toLocaleString("en-US")} rows, seed ${seed}…`);
  const ds = ensureDataset(DIR, rows, seed);
  const how = ds.generatedS === null ? "cached" : `generated in ${ds.generatedS.toFixed(1)} s`;
  log(`dataset: ${ds.figures} (${(ds.bytes / 2 ** 20).toFixed(0)} MiB, ${ds.stats.brokenRows} broken rows; ${how})`);
  return ds;
}

function baseline(ds: Dataset, i: number): Promise<Measurement> {
  return measure({
    label: "baseline",
    command: process.execPath,
    args: [...script("bench/baseline.ts"), ds.figures, join(DIR, "out", "baseline.csv")],
    cwd: ROOT,
    log: join(DIR, "logs", `baseline-${i}.log`),
    statsFile: join(DIR, "logs", "stats.json"),
    timeoutS,
  });
}

/** A full run into `out`: a fresh folder unless `keep` (the unchanged re-run). */
function openfigures(ds: Dataset, label: string, out: string, keep: boolean, nodeFlags: string[] = []): Promise<Measurement> {
  if (!keep) rmSync(out, { recursive: true, force: true });
  return measure({
    label,
    command: process.execPath,
    // The real CLI with the bench's registry in place of pipelines/index.ts; child-stats is
    // preloaded so that the run reports its own resource usage, as baseline.ts does.
    args: [...nodeFlags, ...build.flags, "--import", pathToFileURL(build.path("bench/child-stats.ts")).href, build.path("src/cli/bin.ts"), "run", BENCH_PIPELINE_ID, "--raw", ds.rawDir, "--out", out],
    cwd: ROOT,
    env: { SOURCE_DATE_EPOCH: "1767225600", OPENFIGURES_REGISTRY: build.path("bench/pipeline.ts") },
    log: join(DIR, "logs", `${label.replaceAll(" ", "-")}.log`),
    statsFile: join(DIR, "logs", "stats.json"),
    timeoutS,
  });
}

interface RunJson {
  status: string;
  stages: { stage: string; durationMs: number }[];
  inputs: { file: string; rowsIn: number; rowsRejected: number }[];
}

/** The run's own record: stage times, and a check that it read and rejected what was written. */
function runRecord(out: string, ds: Dataset): RunJson | null {
  const path = join(out, BENCH_PIPELINE_ID, "run.json");
  if (!existsSync(path)) return null;
  const run = JSON.parse(readFileSync(path, "utf8")) as RunJson;
  const figures = run.inputs.find((i) => i.file === "figures.csv");
  if (run.status !== "succeeded" || figures?.rowsIn !== ds.stats.rows || figures.rowsRejected !== ds.stats.brokenRows) {
    log(`warning: run.json says ${run.status}, ${figures?.rowsIn} rows in, ${figures?.rowsRejected} rejected; the dataset has ${ds.stats.rows} rows, ${ds.stats.brokenRows} broken`);
  }
  return run;
}

function show(m: Measurement): string {
  const rss = m.rssMiB === null ? "" : `, ${Math.round(m.rssMiB)} MiB peak RSS, ${m.cpuS?.toFixed(1)} s CPU`;
  return m.ok ? `${m.wallS.toFixed(2)} s${rss}` : `FAILED: ${m.failure}`;
}

function emit(table: string, json: unknown): void {
  process.stdout.write(`${table}\n${JSON.stringify(json)}\n`);
}

async function throughput(): Promise<void> {
  const ds = dataset(rows);
  const startMachine = machine();
  const out = join(DIR, "out", "run");
  const runs: Measurement[] = [];
  const bases: Measurement[] = [];
  const stageMs = new Map<string, number[]>();
  for (let i = 1; i <= repeat; i++) {
    const b = await baseline(ds, i);
    log(`baseline ${i}/${repeat}: ${show(b)}`);
    bases.push(b);
    const r = await openfigures(ds, `openfigures ${i}`, out, false);
    log(`openfigures run ${i}/${repeat}: ${show(r)}`);
    runs.push(r);
    for (const s of (r.ok && runRecord(out, ds)?.stages) || []) stageMs.set(s.stage, [...(stageMs.get(s.stage) ?? []), s.durationMs]);
  }
  const reruns: Measurement[] = [];
  for (let i = 1; i <= repeat && runs.some((r) => r.ok); i++) {
    const r = await openfigures(ds, `rerun ${i}`, out, true);
    log(`unchanged re-run ${i}/${repeat}: ${show(r)}`);
    reruns.push(r);
  }
  const starts: Measurement[] = [];
  for (let i = 1; i <= repeat; i++) {
    // A first run, as a newcomer's: into an empty folder (the checkout's data/out would be up to
    // date after the first time, and its history would grow with every benchmark).
    const startOut = join(DIR, "out", "npm-start");
    rmSync(startOut, { recursive: true, force: true });
    const m = await measure({ label: "npm start", command: "npm", args: ["start", "--", "--out", startOut], cwd: ROOT, log: join(DIR, "logs", `npm-start-${i}.log`), timeoutS });
    log(`npm start ${i}/${repeat}: ${show(m)}`);
    starts.push(m);
  }
  rmSync(join(DIR, "out", "baseline.csv"), { force: true });

  const base = summariseCase("baseline: csv-parse → csv-stringify", bases, rows);
  const run = summariseCase("openfigures run (full)", runs, rows);
  // rows/s means nothing for a run that reads no rows: the re-run only hashes the inputs.
  const rerun = summariseCase("openfigures re-run (unchanged)", reruns, null);
  const start = summariseCase("npm start (seed data)", starts, null);
  const ratio = run.rowsPerS !== null && base.rowsPerS ? run.rowsPerS / base.rowsPerS : null;
  const stages = Object.fromEntries([...stageMs].map(([s, ms]) => [s, Math.round(median(ms)) / 1000]));
  const targets: Target[] = [
    { name: "throughput", goal: "≥ 1.5× the baseline's rows/s (aim 3×)", measured: ratio === null ? "-" : `${ratio.toFixed(2)}×`, met: ratio === null ? null : ratio >= 1.5 },
    {
      name: "peak memory",
      goal: "≤ 200 MiB",
      measured: run.maxRssMiB === null ? "-" : `${Math.round(run.maxRssMiB)} MiB at ${rows.toLocaleString("en-US")} rows`,
      met: run.maxRssMiB === null ? null : run.maxRssMiB <= 200,
    },
    { name: "unchanged re-run", goal: "< 1 s", measured: `${rerun.medianS.toFixed(2)} s`, met: Number.isNaN(rerun.medianS) ? null : rerun.medianS < 1 },
    { name: "npm start", goal: "< 3 s", measured: `${start.medianS.toFixed(2)} s`, met: Number.isNaN(start.medianS) ? null : start.medianS < 3 },
  ];
  const cases = [base, run, rerun, start];
  const lines = [
    "",
    `openfigures benchmark: ${rows.toLocaleString("en-US")} rows (${(ds.bytes / 2 ** 20).toFixed(0)} MiB of figures.csv, ${ds.stats.brokenRows} broken), seed ${seed}, ${repeat} runs each, alternating, ${values.built ? "compiled JavaScript" : "TypeScript through tsx"}`,
    `machine: ${startMachine.cpus} × ${startMachine.cpuModel}, ${startMachine.memGiB} GiB, Node ${startMachine.node}; load average ${startMachine.loadavg.join(" ")} at start, ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")} at end`,
    "",
    caseTable(cases, base.rowsPerS),
    "",
    `openfigures stages (median s, from run.json): ${Object.entries(stages)
      .map(([s, v]) => `${s} ${v.toFixed(2)}`)
      .join(", ")}`,
    "targets (issue 7):",
    targetLines(targets),
    ...cases.flatMap((c) => c.failures.map((f) => `failure in ${c.label}: ${f}`)),
    "",
  ];
  emit(lines.join("\n"), {
    benchmark: "openfigures",
    mode: "throughput",
    built: values.built,
    date: new Date().toISOString(),
    machine: { ...startMachine, loadavgEnd: loadavg() },
    dataset: { rows, seed, bytes: ds.bytes, brokenRows: ds.stats.brokenRows },
    baseline: base,
    openfigures: { ...run, stagesS: stages },
    rerun,
    npmStart: start,
    ratio,
    targets,
  });
}

async function memory(): Promise<void> {
  const startMachine = machine();
  const results: (CaseSummary & { gibPerMillion?: number })[] = [];
  for (const rows of sizes) {
    const ds = dataset(rows);
    const out = join(DIR, "out", `memory-${rows}`);
    const m = await openfigures(ds, `memory ${rows}`, out, false);
    log(`openfigures run, ${rows.toLocaleString("en-US")} rows: ${show(m)}`);
    if (m.ok) runRecord(out, ds);
    // The outputs of a 4M-row run are gigabytes: keep the disk for the next size.
    rmSync(out, { recursive: true, force: true });
    results.push(summariseCase(`openfigures run, ${rows.toLocaleString("en-US")} rows`, [m], rows));
  }
  const ok = results.filter((r) => r.maxRssMiB !== null && r.failed === 0);
  const growth = ok.length >= 2 ? ok.at(-1)!.maxRssMiB! / ok[0]!.maxRssMiB! : null;
  const targets: Target[] = [
    {
      name: "peak memory",
      goal: "≤ 200 MiB at every size",
      measured: `${results.map((r) => (r.maxRssMiB === null ? "failed" : `${Math.round(r.maxRssMiB)}`)).join(" / ")} MiB`,
      met: results.every((r) => r.maxRssMiB !== null && r.failed === 0 && r.maxRssMiB <= 200),
    },
    {
      name: "flat",
      goal: `largest size within 1.3× of the smallest`,
      measured: growth === null ? "-" : `${growth.toFixed(2)}× (${ok[0]?.rows} → ${ok.at(-1)?.rows} rows)`,
      met: growth === null || ok.length < results.length ? false : growth <= 1.3,
    },
  ];
  const lines = [
    "",
    `openfigures memory scaling: one full run per size, seed ${seed}`,
    `machine: ${startMachine.cpus} × ${startMachine.cpuModel}, ${startMachine.memGiB} GiB, Node ${startMachine.node}; load average ${startMachine.loadavg.join(" ")} at start, ${loadavg()
      .map((x) => x.toFixed(2))
      .join(" ")} at end`,
    "",
    caseTable(results, null),
    "targets (issue 7):",
    targetLines(targets),
    ...results.flatMap((c) => c.failures.map((f) => `failure in ${c.label}: ${f}`)),
    "",
  ];
  emit(lines.join("\n"), {
    benchmark: "openfigures",
    mode: "memory",
    built: values.built,
    date: new Date().toISOString(),
    machine: { ...startMachine, loadavgEnd: loadavg() },
    sizes: results,
    targets,
  });
}

async function profile(): Promise<void> {
  const ds = dataset(rows);
  const dir = join(DIR, "profiles", `r${rows}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  const m = await openfigures(ds, "profile", join(DIR, "out", "profile"), false, ["--cpu-prof", "--cpu-prof-dir", dir]);
  log(`openfigures run under --cpu-prof: ${show(m)}`);
  // One profile per thread; the main thread's is the largest (the other is tsx's loader).
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => join(dir, f));
  const main = files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (!main) throw new Error(`no profile written to ${dir}`);
  const summary = summarise(JSON.parse(readFileSync(main, "utf8")) as CpuProfile);
  emit(`\n${formatSummary(summary)}\nprofile: ${main}\n`, { benchmark: "openfigures", mode: "profile", rows, wallS: m.wallS, rssMiB: m.rssMiB, profile: main, ...summary });
}

await (values.memory ? memory() : values.profile ? profile() : throughput());
